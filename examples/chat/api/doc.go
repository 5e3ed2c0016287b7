// Package api is the chat example's generated code: the tables of chat.fbs
// and the Room service's client and servers. Everything but this file is
// generated; after editing chat.fbs run
//
//	go generate ./examples/chat/...
package api

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -pkg api chat.fbs
