package goldentest

// A schema the generator has never seen, through the real command: wsgen
// generates a package from it, and a small program serves and calls every
// streaming kind through the generated code; the test checks its output.

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const cliSchema = `namespace Weather.Station;

table Subscribe { station: string; count: int; }
table Reading { station: string; celsius: float; at: long; }
table Summary { readings: int; mean: float; }

/// Station reports the weather.
rpc_service Station {
  Latest(Subscribe): Reading;
  Watch(Subscribe): Reading (streaming: "server");
  Upload(Reading): Summary (streaming: "client");
  Relay(Reading): Reading (streaming: "bidi");
}
`

const cliMain = `package main

import (
	"context"
	"fmt"
	"iter"
	"log"

	"github.com/wsgen/wsgen/runtime"

	"PKGPATH"
)

type station struct{}

func (station) Latest(ctx context.Context, s *x.SubscribeT) (*x.ReadingT, error) {
	if s.Station == "" {
		return nil, runtime.NewError(runtime.InvalidArgument, "no station")
	}
	return &x.ReadingT{Station: s.Station, Celsius: 21.5, At: 1}, nil
}

func (station) Watch(ctx context.Context, s *x.SubscribeT, send func(*x.ReadingT) error) error {
	for i := range s.Count {
		if err := send(&x.ReadingT{Station: s.Station, Celsius: float32(i), At: int64(i)}); err != nil {
			return err
		}
	}
	return nil
}

func (station) Upload(ctx context.Context, rs iter.Seq2[*x.ReadingT, error]) (*x.SummaryT, error) {
	var sum x.SummaryT
	var total float32
	for r, err := range rs {
		if err != nil {
			return nil, err
		}
		sum.Readings++
		total += r.Celsius
	}
	if sum.Readings > 0 {
		sum.Mean = total / float32(sum.Readings)
	}
	return &sum, nil
}

func (station) Relay(ctx context.Context, rs iter.Seq2[*x.ReadingT, error], send func(*x.ReadingT) error) error {
	for r, err := range rs {
		if err != nil {
			return err
		}
		r.Station = "relayed:" + r.Station
		if err := send(r); err != nil {
			return err
		}
	}
	return nil
}

func main() {
	srv := runtime.NewServer()
	if err := x.RegisterStationServer(srv, station{}); err != nil {
		log.Fatal(err)
	}
	l := runtime.NewMemListener()
	go srv.Serve(l)
	defer srv.Close()
	ctx := context.Background()
	cc, err := runtime.Dial(ctx, "ws://mem/", runtime.WithContextDialer(l.DialContext))
	if err != nil {
		log.Fatal(err)
	}
	defer cc.Close()
	c := x.NewStationClient(cc)

	r, err := c.Latest(ctx, &x.SubscribeT{Station: "north"})
	fmt.Println("latest", r.Station, r.Celsius, err)
	_, err = c.Latest(ctx, &x.SubscribeT{})
	fmt.Println("latest error", runtime.CodeOf(err))

	w, err := c.Watch(ctx, &x.SubscribeT{Station: "south", Count: 3})
	if err != nil {
		log.Fatal(err)
	}
	for r, err := range w.All() {
		fmt.Println("watch", r.Station, r.At, err)
	}

	u, err := c.Upload(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, t := range []float32{10, 20, 30} {
		u.Send(&x.ReadingT{Celsius: t})
	}
	s, err := u.CloseAndRecv()
	fmt.Println("upload", s.Readings, s.Mean, err)

	b, err := c.Relay(ctx)
	if err != nil {
		log.Fatal(err)
	}
	go func() {
		b.Send(&x.ReadingT{Station: "a"})
		b.Send(&x.ReadingT{Station: "b"})
		b.CloseSend()
	}()
	for r, err := range b.All() {
		fmt.Println("relay", r.Station, err)
	}
}
`

const cliWant = `latest north 21.5 <nil>
latest error invalid_argument
watch south 0 <nil>
watch south 1 <nil>
watch south 2 <nil>
upload 3 20 <nil>
relay relayed:a <nil>
relay relayed:b <nil>
`

func TestServiceNeverSeenSchemaThroughCLI(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Fatal("the go command is needed to run the generated program: ", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// Inside the module (so the program imports the runtime without a
	// replace directive), under testdata (so ./... never sees it).
	dir, err := os.MkdirTemp("testdata", "svc-cli-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	abs, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(abs, "station.fbs"), []byte(cliSchema), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(dir string, args ...string) string {
		t.Helper()
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir = dir
		var out, errb bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &errb
		if err := cmd.Run(); err != nil {
			t.Fatalf("go %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
		}
		return out.String()
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	run(root, "run", "./cmd/wsgen", "-o", filepath.Join(abs, "x"), "-pkg", "x", filepath.Join(abs, "station.fbs"))
	pkgPath := "github.com/wsgen/wsgen/internal/goldentest/" + filepath.ToSlash(dir) + "/x"
	main := strings.Replace(cliMain, "PKGPATH", pkgPath, 1)
	if err := os.WriteFile(filepath.Join(abs, "main.go"), []byte(main), 0o644); err != nil {
		t.Fatal(err)
	}
	run(abs, "vet", ".", "./x")
	if got := run(abs, "run", "."); got != cliWant {
		t.Errorf("program output:\n%s\nwant:\n%s", got, cliWant)
	}
}
