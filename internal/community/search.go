package community

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/internal/errs"
)

// Full-text search over posts' titles and bodies, for any language: trigram
// indexes match any substring of three or more characters, which is what
// Chinese (no spaces between words) needs, and work for every other script
// too.
//
//   - PostgreSQL: the pg_trgm extension and a GIN index (gin_trgm_ops) on
//     title and on body; a term is matched with ILIKE '%term%', which the
//     planner answers from the indexes.
//   - SQLite: an FTS5 table with the trigram tokenizer over the posts table
//     (external content, kept in sync by triggers); a term is a phrase
//     query, which matches as a substring.
//
// A trigram index cannot answer a term shorter than three characters, so
// such terms are dropped when a longer one is present and refused
// (BAD_USER_INPUT) when none is: a two-character Chinese word such as 社區
// has to be searched with a neighbouring character or a second term.
// Matches go through the normal, privacy-filtered post query, so search
// never shows a post its viewer may not read.

// Search limits.
const (
	MinSearchRunes = 3
	maxSearchRunes = 200
	maxSearchTerms = 8
)

// searchTable is SQLite's FTS5 index of posts.
const searchTable = "post_search"

// Migrate creates the search indexes if they are missing; the store calls
// it after ent's migration, under the same lock. It is idempotent.
func Migrate(ctx context.Context, db *stdsql.DB, dia string) error {
	var stmts []string
	switch dia {
	case dialect.Postgres:
		stmts = []string{
			`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
			`CREATE INDEX IF NOT EXISTS posts_title_trgm ON posts USING gin (title gin_trgm_ops)`,
			`CREATE INDEX IF NOT EXISTS posts_body_trgm ON posts USING gin (body gin_trgm_ops)`,
		}
	case dialect.SQLite:
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = ?`, searchTable).Scan(&n); err != nil {
			return fmt.Errorf("community: search index: %w", err)
		}
		stmts = []string{
			`CREATE VIRTUAL TABLE IF NOT EXISTS post_search USING fts5(title, body, content='posts', content_rowid='id', tokenize='trigram')`,
			`CREATE TRIGGER IF NOT EXISTS post_search_insert AFTER INSERT ON posts BEGIN
				INSERT INTO post_search(rowid, title, body) VALUES (new.id, new.title, new.body);
			END`,
			`CREATE TRIGGER IF NOT EXISTS post_search_delete AFTER DELETE ON posts BEGIN
				INSERT INTO post_search(post_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
			END`,
			`CREATE TRIGGER IF NOT EXISTS post_search_update AFTER UPDATE OF title, body ON posts BEGIN
				INSERT INTO post_search(post_search, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
				INSERT INTO post_search(rowid, title, body) VALUES (new.id, new.title, new.body);
			END`,
		}
		if n == 0 {
			// A database that had posts before the index existed.
			stmts = append(stmts, `INSERT INTO post_search(post_search) VALUES ('rebuild')`)
		}
	default:
		return fmt.Errorf("community: search index: unknown dialect %q", dia)
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("community: search index: %w", err)
		}
	}
	return nil
}

// searchTerms splits a query into the terms it searches for, or explains
// (BAD_USER_INPUT on "query") why it cannot be searched.
func searchTerms(query string) ([]string, error) {
	query = strings.TrimSpace(query)
	if utf8.RuneCountInString(query) > maxSearchRunes {
		return nil, errs.Field("query", "a search has at most %d characters", maxSearchRunes)
	}
	if !utf8.ValidString(query) {
		return nil, errs.Field("query", "the search must be UTF-8 text")
	}
	var terms []string
	for _, t := range strings.Fields(query) {
		if utf8.RuneCountInString(t) < MinSearchRunes {
			continue
		}
		if len(terms) < maxSearchTerms {
			terms = append(terms, t)
		}
	}
	if len(terms) == 0 {
		return nil, errs.Field("query", "search for at least %d characters in a row", MinSearchRunes)
	}
	return terms, nil
}

// SearchPosts returns the query of the posts whose title or body contains
// every term of query (case-insensitive), filtered by the viewer's
// visibility like every post query; the caller pages and orders it. A query
// without a term of three characters or more is BAD_USER_INPUT.
func (s *Service) SearchPosts(ctx context.Context, query string) (*ent.PostQuery, error) {
	terms, err := searchTerms(query)
	if err != nil {
		return nil, err
	}
	return s.Client.Post.Query().Where(predicate.Post(func(sel *sql.Selector) {
		if sel.Dialect() == dialect.SQLite {
			phrases := make([]string, len(terms))
			for i, t := range terms {
				phrases[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
			}
			sel.Where(sql.ExprP(sel.C(post.FieldID)+" IN (SELECT rowid FROM "+searchTable+" WHERE "+searchTable+" MATCH ?)",
				strings.Join(phrases, " AND ")))
			return
		}
		for _, t := range terms {
			sel.Where(sql.Or(sql.ContainsFold(sel.C(post.FieldTitle), t), sql.ContainsFold(sel.C(post.FieldBody), t)))
		}
	})), nil
}
