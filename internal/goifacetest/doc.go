// Package goifacetest tests Go-defined services end to end: the golden
// packages under testdata/goservices (regenerated and compared), their
// encoders and decoders (property tests, fuzzing), their services over the
// runtime, and the compatibility of the .fbs schema -emit-fbs writes with
// wsgen's .fbs front end and with flatc. It has no non-test code.
package goifacetest
