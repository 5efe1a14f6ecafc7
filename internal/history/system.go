package history

import (
	"context"

	"entgo.io/ent/privacy"
)

// system bypasses privacy: history rows are written by Kith, not by the
// viewer, who may not write them directly.
func system(ctx context.Context) context.Context {
	return privacy.DecisionContext(ctx, privacy.Allow)
}
