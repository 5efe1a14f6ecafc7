package graph

// ptr returns a pointer to v, for optional fields of service inputs.
func ptr[T any](v T) *T { return &v }
