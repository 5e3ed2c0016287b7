package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/wsgen/wsgen/templates"
)

// writeFiles writes files into dir, creating it if needed. A file whose
// current content equals the new content is left alone (its modification
// time too); others are written to a temporary file in dir and renamed into
// place, so a reader never sees a half-written file. It returns the names
// of the files it wrote.
func writeFiles(dir string, files []templates.File) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var written []string
	for _, f := range files {
		path := filepath.Join(dir, f.Name)
		old, err := os.ReadFile(path)
		switch {
		case err == nil && bytes.Equal(old, f.Content):
			continue
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			return written, err
		}
		if err := writeAtomic(path, f.Content); err != nil {
			return written, err
		}
		written = append(written, f.Name)
	}
	return written, nil
}

// writeAtomic writes data to path through a temporary file in the same
// directory and a rename.
func writeAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return os.Rename(tmp.Name(), path)
}
