package fbs

import (
	"io/fs"
	"path/filepath"
)

// memFS is an in-memory ReadFile over cleaned paths.
func memFS(files map[string]string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		if s, ok := files[filepath.Clean(path)]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: path, Err: fs.ErrNotExist}
	}
}
