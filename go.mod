module github.com/wsgen/wsgen

go 1.26

require github.com/dave/jennifer v1.7.1

require (
	github.com/gobwas/httphead v0.1.0 // indirect
	github.com/gobwas/ws v1.5.0 // indirect
	github.com/google/flatbuffers v25.12.19+incompatible // indirect
)
