package auth

import (
	"context"

	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"entgo.io/contrib/entgql"
	"slices"
	"strings"
	"time"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/apikey"
	"github.com/kith-crm/kith/internal/audit"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// APIKeyPrefix starts every partner API key, so a bearer token is known to
// be a key (not a session) without a lookup, and a leaked key is easy to
// recognise in a scanner.
const APIKeyPrefix = "kith_pk_"

// apiKeyShown is how much of a key people see to tell keys apart.
const apiKeyShown = len(APIKeyPrefix) + 8

// lastUsedEvery bounds the writes a busy key causes: last_used_at is moved
// at most once a minute.
const lastUsedEvery = time.Minute

// Scopes are the scopes a key may carry.
var Scopes = []string{viewer.ScopeOrdersWrite, viewer.ScopeCustomersRead}

// IssueAPIKeyInput describes a new key.
type IssueAPIKeyInput struct {
	Name      string
	Scopes    []string
	Sources   []string
	ExpiresAt *time.Time
}

// IssuedAPIKey is a new key with its secret, which is never shown again.
type IssuedAPIKey struct {
	Key    *ent.ApiKey
	Secret string
}

// IssueAPIKey creates a key for a partner system; admins only, audited. The
// secret is returned once; only its SHA-256 is stored.
func (s *Service) IssueAPIKey(ctx context.Context, in IssueAPIKeyInput) (*IssuedAPIKey, error) {
	v := viewer.FromContext(ctx)
	if err := adminOnly(v, "only admins issue API keys"); err != nil {
		return nil, err
	}
	in.Name = strings.TrimSpace(in.Name)
	switch {
	case in.Name == "":
		return nil, errs.Field("name", "name is required")
	case len([]rune(in.Name)) > 100:
		return nil, errs.Field("name", "a name holds at most 100 characters")
	case len(in.Scopes) == 0:
		return nil, errs.Field("scopes", "give the key at least one scope")
	case in.ExpiresAt != nil && !in.ExpiresAt.After(s.Clock.Now()):
		return nil, errs.Field("expiresAt", "the expiry must be in the future")
	}
	scopes := []string{}
	for _, sc := range in.Scopes {
		if !slices.Contains(Scopes, sc) {
			return nil, errs.Field("scopes", "unknown scope %q (known: %s)", sc, strings.Join(Scopes, ", "))
		}
		if !slices.Contains(scopes, sc) {
			scopes = append(scopes, sc)
		}
	}
	sources := []string{}
	for _, src := range in.Sources {
		src = strings.TrimSpace(src)
		if src == "" || len(src) > 64 {
			return nil, errs.Field("sources", "a source is 1 to 64 characters")
		}
		if !slices.Contains(sources, src) {
			sources = append(sources, src)
		}
	}
	if slices.Contains(scopes, viewer.ScopeOrdersWrite) && len(sources) == 0 {
		return nil, errs.Field("sources", "a key that writes orders needs the order sources it may write")
	}
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return nil, err
	}
	secret := APIKeyPrefix + base64.RawURLEncoding.EncodeToString(raw[:])
	sum := sha256.Sum256([]byte(secret))
	var key *ent.ApiKey
	err := WithTx(ctx, s.Client, func(tx *ent.Tx) error {
		var err error
		key, err = tx.ApiKey.Create().SetName(in.Name).SetPrefix(secret[:apiKeyShown]).SetSecretHash(sum[:]).
			SetScopes(scopes).SetSources(sources).SetNillableExpiresAt(in.ExpiresAt).SetCreatedByID(v.UserID).Save(ctx)
		if err != nil {
			return err
		}
		return audit.Record(ctx, tx.Client(), "apikey.issue", "ApiKey", key.ID,
			map[string]any{"name": in.Name, "prefix": key.Prefix, "scopes": scopes, "sources": sources})
	})
	if err != nil {
		return nil, err
	}
	if ent.TxFromContext(ctx) == nil {
		key = key.Unwrap() // its edges load through the client after the commit
	}
	return &IssuedAPIKey{Key: key, Secret: secret}, nil
}

// RevokeAPIKey ends a key at once (the next request with it is
// UNAUTHENTICATED); admins only, audited. Revoking twice is CONFLICT.
func (s *Service) RevokeAPIKey(ctx context.Context, id int) (*ent.ApiKey, error) {
	if err := adminOnly(viewer.FromContext(ctx), "only admins revoke API keys"); err != nil {
		return nil, err
	}
	var key *ent.ApiKey
	err := WithTx(ctx, s.Client, func(tx *ent.Tx) error {
		n, err := tx.ApiKey.Update().Where(apikey.ID(id), apikey.RevokedAtIsNil()).SetRevokedAt(s.Clock.Now()).Save(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			if ok, err := tx.ApiKey.Query().Where(apikey.ID(id)).Exist(ctx); err != nil || !ok {
				if err == nil {
					err = &errs.Error{Code: errs.NotFound, Field: "id", Message: "API key not found"}
				}
				return err
			}
			return &errs.Error{Code: errs.Conflict, Field: "id", Message: "this key is already revoked"}
		}
		if key, err = tx.ApiKey.Get(ctx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx.Client(), "apikey.revoke", "ApiKey", id, map[string]any{"name": key.Name, "prefix": key.Prefix})
	})
	if err != nil {
		return nil, err
	}
	if ent.TxFromContext(ctx) == nil {
		key = key.Unwrap()
	}
	return key, nil
}

// authenticateKey turns a partner API key into a partner viewer. An
// unknown, revoked or expired key is UNAUTHENTICATED.
func (s *Service) authenticateKey(ctx context.Context, token string) (viewer.Viewer, error) {
	bad := errs.E(errs.Unauthenticated, "invalid, revoked or expired API key")
	sys := System(ctx)
	sum := sha256.Sum256([]byte(token))
	now := s.Clock.Now()
	key, err := s.Client.ApiKey.Query().Where(apikey.SecretHash(sum[:]), apikey.RevokedAtIsNil(),
		apikey.Or(apikey.ExpiresAtIsNil(), apikey.ExpiresAtGT(now))).Only(sys)
	if ent.IsNotFound(err) {
		return viewer.Viewer{}, bad
	}
	if err != nil {
		return viewer.Viewer{}, err
	}
	if key.LastUsedAt == nil || now.Sub(*key.LastUsedAt) >= lastUsedEvery {
		// Best effort: a failed stamp must not fail the partner's request.
		_ = s.Client.ApiKey.UpdateOneID(key.ID).SetLastUsedAt(now).Exec(sys)
	}
	return viewer.Viewer{Partner: &viewer.Partner{KeyID: key.ID, Scopes: key.Scopes, Sources: key.Sources}}, nil
}

// APIKeys lists the keys, newest first; admins only (the read policy hides
// them from everyone else).
func (s *Service) APIKeys(ctx context.Context, after *ent.Cursor, first *int, before *ent.Cursor, last *int) (*ent.ApiKeyConnection, error) {
	if err := adminOnly(viewer.FromContext(ctx), "only admins see API keys"); err != nil {
		return nil, err
	}
	return s.Client.ApiKey.Query().Paginate(ctx, after, first, before, last,
		ent.WithApiKeyOrder(&ent.ApiKeyOrder{Direction: entgql.OrderDirectionDesc, Field: ent.DefaultApiKeyOrder.Field}))
}

func adminOnly(v viewer.Viewer, msg string) error {
	switch {
	case v.IsAdmin():
		return nil
	case !v.Authenticated() && v.Partner == nil:
		return errs.E(errs.Unauthenticated, "sign in first")
	}
	return errs.E(errs.Forbidden, "%s", msg)
}
