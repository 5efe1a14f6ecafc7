// Package scalar holds the custom GraphQL scalars gqlgen binds.
package scalar

import (
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// MarshalTime writes a time as RFC 3339 (gqlgen's own format).
func MarshalTime(t time.Time) graphql.Marshaler { return graphql.MarshalTime(t) }

// UnmarshalTime reads an RFC 3339 time and hands it on in UTC. SQLite keeps
// times as text and compares them as text, so a bound written with an offset
// ("…+08:00") would compare wrongly with rows written in UTC; in UTC every
// time the server stores or compares has the same form.
func UnmarshalTime(v any) (time.Time, error) {
	t, err := graphql.UnmarshalTime(v)
	return t.UTC(), err
}
