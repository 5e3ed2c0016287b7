// Package goldentest exercises the generated golden packages under
// testdata/golden (and internal/goldentest/verifyextra): their readers,
// builders, object API, verifiers and services, checked against buffers
// flatc wrote (testdata/flatc), by property tests and fuzzing, and over the
// runtime. It has no non-test code.
package goldentest
