// Package ent holds the generated data access code; the hand-written model is in ./schema.
package ent

//go:generate go run -mod=mod entc.go
