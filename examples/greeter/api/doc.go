// Package api is the greeter example's generated code: the tables of
// greeter.fbs and the Greeter service's client and servers. Everything but
// this file is generated; after editing greeter.fbs run
//
//	go generate ./examples/greeter/...
package api

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg api greeter.fbs
