// Package cli runs the wsgen command as users do, as a separate process:
// on every schema directory of the corpus, and through go generate, and
// builds what it writes. The package holds only tests.
package cli
