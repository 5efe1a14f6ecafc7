// Package errs is Kith's one error type: a stable code, a message a person can
// read, and for bad input the field at fault. The GraphQL error presenter maps
// codes to extensions.code; rules never speak HTTP.
package errs

import (
	"errors"
	"fmt"
)

// Code is a stable, machine-readable error class. The values are the
// extensions.code strings of the public API.
type Code string

const (
	Invalid         Code = "BAD_USER_INPUT"
	Unauthenticated Code = "UNAUTHENTICATED"
	Forbidden       Code = "FORBIDDEN"
	NotFound        Code = "NOT_FOUND"
	Conflict        Code = "CONFLICT"
	RateLimited     Code = "RATE_LIMITED"
	Internal        Code = "INTERNAL"
)

// Error is a domain error.
type Error struct {
	Code    Code
	Field   string // for Invalid: the input field at fault, in GraphQL's spelling
	Message string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s", e.Field, e.Message)
	}
	return e.Message
}

// E returns an error with code and a formatted message.
func E(code Code, format string, args ...any) error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Field returns an Invalid error naming the input field at fault.
func Field(field, format string, args ...any) error {
	return &Error{Code: Invalid, Field: field, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the code of err, or Internal for errors that are not domain errors.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns the domain error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
