module github.com/wsgen/wsgen

go 1.26.0

require (
	github.com/dave/jennifer v1.7.1
	github.com/gobwas/httphead v0.1.0
	github.com/gobwas/ws v1.5.0
	github.com/google/flatbuffers v25.12.19+incompatible
	golang.org/x/tools v0.52.0
)

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
)
