package runtime

import (
	"context"
	"errors"
	"fmt"
	"strconv"
)

// Code is a status code. The values and names are gRPC's.
type Code uint32

// The status codes (same numbers and meanings as gRPC).
const (
	OK                 Code = 0  // not an error
	Canceled           Code = 1  // the call was cancelled, usually by the caller
	Unknown            Code = 2  // an error of unknown kind
	InvalidArgument    Code = 3  // the request is invalid (includes payloads that fail verification)
	DeadlineExceeded   Code = 4  // the deadline expired before the call completed
	NotFound           Code = 5  // something requested was not found
	AlreadyExists      Code = 6  // something to be created already exists
	PermissionDenied   Code = 7  // the caller may not do this
	ResourceExhausted  Code = 8  // a limit was hit (message size, streams, quota)
	FailedPrecondition Code = 9  // the system is not in a state for this operation
	Aborted            Code = 10 // the operation was aborted (concurrency conflict)
	OutOfRange         Code = 11 // the operation went past the valid range
	Unimplemented      Code = 12 // the method is not implemented or not registered
	Internal           Code = 13 // an invariant broke (protocol violations, handler panics)
	Unavailable        Code = 14 // the service is unavailable (connection lost, draining); retryable
	DataLoss           Code = 15 // unrecoverable data loss or corruption
	Unauthenticated    Code = 16 // the caller has no valid credentials
)

var codeNames = [...]string{
	"ok", "canceled", "unknown", "invalid_argument", "deadline_exceeded", "not_found",
	"already_exists", "permission_denied", "resource_exhausted", "failed_precondition",
	"aborted", "out_of_range", "unimplemented", "internal", "unavailable", "data_loss",
	"unauthenticated",
}

// String returns the code's name in snake case ("invalid_argument"), or
// "code_N" for values outside the known set.
func (c Code) String() string {
	if int(c) < len(codeNames) {
		return codeNames[c]
	}
	return "code_" + strconv.FormatUint(uint64(c), 10)
}

// Detail is one piece of structured error detail: an opaque value tagged with
// a type name chosen by the application (for example a FlatBuffers table's
// fully qualified name).
type Detail struct {
	Type  string
	Value []byte
}

// Error is the one error type of the runtime: a status code, a message and
// optional details. Handlers return it (or any error, which becomes Unknown)
// to end a call with that status; clients receive it.
//
// Use errors.As(err, &e) with e of type *Error, or [CodeOf].
type Error struct {
	code    Code
	msg     string
	details []Detail
	wire    bool  // received from the peer in a STATUS frame
	cause   error // local cause, if any (for example context.DeadlineExceeded)
}

// NewError returns an error with the given code and message.
func NewError(code Code, msg string) *Error { return &Error{code: code, msg: msg} }

// Errorf returns an error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{code: code, msg: fmt.Sprintf(format, args...)}
}

// wrapError returns a local error with code and message that unwraps to cause.
func wrapError(code Code, msg string, cause error) *Error {
	return &Error{code: code, msg: msg, cause: cause}
}

// WithDetails returns a copy of e carrying the given details in addition to
// e's own.
func (e *Error) WithDetails(d ...Detail) *Error {
	c := *e
	c.details = append(append([]Detail(nil), e.details...), d...)
	return &c
}

// Code returns the status code; a nil *Error has code OK.
func (e *Error) Code() Code {
	if e == nil {
		return OK
	}
	return e.code
}

// Message returns the human-readable message.
func (e *Error) Message() string { return e.msg }

// Details returns the structured details (do not modify them).
func (e *Error) Details() []Detail { return e.details }

// FromWire reports whether the error was received from the peer (a STATUS
// frame) rather than produced locally (cancellation, deadline, a broken
// connection, a payload that failed verification on this side).
func (e *Error) FromWire() bool { return e.wire }

// Error formats the error as "code: message".
func (e *Error) Error() string {
	if e.msg == "" {
		return e.code.String()
	}
	return e.code.String() + ": " + e.msg
}

// Unwrap returns the local cause, such as context.Canceled or
// context.DeadlineExceeded, so that errors.Is works with them.
func (e *Error) Unwrap() error { return e.cause }

// Is reports whether target is an *Error with the same code and, if target
// has a message, the same message. errors.Is(err, NewError(NotFound, ""))
// therefore matches any NotFound error. Errors with code DeadlineExceeded or
// Canceled also match context.DeadlineExceeded or context.Canceled, whether
// they came from the wire or from a local context.
func (e *Error) Is(target error) bool {
	switch target {
	case context.DeadlineExceeded:
		return e.code == DeadlineExceeded
	case context.Canceled:
		return e.code == Canceled
	}
	t, ok := target.(*Error)
	if !ok {
		return false
	}
	return t.code == e.code && (t.msg == "" || t.msg == e.msg)
}

// CodeOf returns the status code of err: OK for nil, the code of an *Error in
// err's chain, Canceled or DeadlineExceeded for the context errors, and
// Unknown for anything else.
func CodeOf(err error) Code {
	if err == nil {
		return OK
	}
	var e *Error
	if errors.As(err, &e) {
		return e.code
	}
	switch {
	case errors.Is(err, context.Canceled):
		return Canceled
	case errors.Is(err, context.DeadlineExceeded):
		return DeadlineExceeded
	}
	return Unknown
}

// toError converts any error a handler returned into an *Error.
func toError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return &Error{code: CodeOf(err), msg: err.Error()}
}

// ctxError converts a context's error into the local status error.
func ctxError(ctx context.Context) *Error {
	err := context.Cause(ctx)
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return wrapError(DeadlineExceeded, "deadline exceeded", err)
	}
	return wrapError(Canceled, "call canceled", err)
}
