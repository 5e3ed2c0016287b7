// Package leak checks that tests leave no goroutines behind.
//
// Check snapshots the running goroutines; the function it returns waits
// (bounded) until every goroutine started since has exited and fails the test
// with their stacks otherwise. It uses only the standard library.
package leak
