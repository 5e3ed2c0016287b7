module github.com/wsgen/wsgen/e2e

go 1.26

require (
	github.com/google/flatbuffers v25.12.19+incompatible
	github.com/wsgen/wsgen v0.0.0
)

require (
	github.com/dave/jennifer v1.7.1 // indirect
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/gobwas/ws v1.5.0 // indirect
)

replace github.com/wsgen/wsgen => ../
