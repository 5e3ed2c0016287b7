module github.com/wsgen/wsgen/e2e

go 1.26.0

require (
	connectrpc.com/connect v1.21.1
	github.com/gobwas/ws v1.5.0
	github.com/google/flatbuffers v25.12.19+incompatible
	github.com/wsgen/wsgen v0.0.0
	google.golang.org/grpc v1.85.0
	google.golang.org/protobuf v1.36.12
	storj.io/drpc v1.0.0
)

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/zeebo/errs v1.2.2 // indirect
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/net v0.61.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/text v0.43.0 // indirect
	golang.org/x/tools v0.52.0 // indirect
	google.golang.org/genproto/googleapis/rpc v0.0.0-20260817212433-ac3dfec99bb1 // indirect
)

replace github.com/wsgen/wsgen => ../
