// Package rpc runs wsgen services across processes: the example programs
// (github.com/wsgen/wsgen/examples/greeter and .../chat) are built as
// binaries, one process serves on a loopback port and others call it, and
// the tests check what the clients print and that the server shuts down
// cleanly on SIGTERM.
//
// The package holds only tests.
package rpc
