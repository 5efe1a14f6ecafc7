package community

import (
	"context"
	stdsql "database/sql"
	"fmt"
	"strings"
	"unicode/utf8"

	"entgo.io/ent/dialect"
	"entgo.io/ent/dialect/sql"
	"entgo.io/ent/dialect/sql/sqljson"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/post"
	"github.com/kith-crm/kith/ent/predicate"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/searchtext"
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
// A trigram index cannot answer a term shorter than three characters, and
// Chinese words are mostly one or two (社區, 茶). Those terms go to a second
// index: posts.search_tokens holds every pair of neighbouring letters or
// digits and every ideographic character of the post (package searchtext;
// a schema hook writes it), so a short term is one exact token —
// a GIN index on the token array on PostgreSQL, an FTS5 table with the
// unicode61 tokenizer over the same column on SQLite. A single Latin letter
// or punctuation is dropped when other terms are present and refused
// (BAD_USER_INPUT) when alone. A term written #tag matches the posts
// carrying that tag (a GIN index on the tags on PostgreSQL). Matches go through the normal,
// privacy-filtered post query, so search never shows a post its viewer may
// not read.

// Search limits.
const (
	MinSearchRunes = 3
	maxSearchRunes = 200
	maxSearchTerms = 8
)

// searchTable is SQLite's FTS5 trigram index of posts; tokenTable its
// index of search_tokens, for short terms.
const (
	searchTable = "post_search"
	tokenTable  = "post_tokens"
)

// Migrate creates the search indexes if they are missing; the store calls
// it after ent's migration, under the same lock. It is idempotent.
func Migrate(ctx context.Context, db *stdsql.DB, dia string) (err error) {
	var stmts []string
	switch dia {
	case dialect.Postgres:
		stmts = []string{
			`CREATE EXTENSION IF NOT EXISTS pg_trgm`,
			`CREATE INDEX IF NOT EXISTS posts_title_trgm ON posts USING gin (title gin_trgm_ops)`,
			`CREATE INDEX IF NOT EXISTS posts_body_trgm ON posts USING gin (body gin_trgm_ops)`,
			`CREATE INDEX IF NOT EXISTS posts_search_tokens ON posts USING gin (string_to_array(search_tokens, ' '))`,
			`CREATE INDEX IF NOT EXISTS posts_tags ON posts USING gin (tags jsonb_path_ops)`,
		}
	case dialect.SQLite:
		var n, nTokens int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = ?`, searchTable).Scan(&n); err != nil {
			return fmt.Errorf("community: search index: %w", err)
		}
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE name = ?`, tokenTable).Scan(&nTokens); err != nil {
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
		stmts = append(stmts,
			// remove_diacritics 0: tokens are matched exactly as searchtext
			// wrote them (lowercased already).
			`CREATE VIRTUAL TABLE IF NOT EXISTS post_tokens USING fts5(search_tokens, content='posts', content_rowid='id', tokenize='unicode61 remove_diacritics 0')`,
			`CREATE TRIGGER IF NOT EXISTS post_tokens_insert AFTER INSERT ON posts BEGIN
				INSERT INTO post_tokens(rowid, search_tokens) VALUES (new.id, new.search_tokens);
			END`,
			`CREATE TRIGGER IF NOT EXISTS post_tokens_delete AFTER DELETE ON posts BEGIN
				INSERT INTO post_tokens(post_tokens, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
			END`,
			`CREATE TRIGGER IF NOT EXISTS post_tokens_update AFTER UPDATE OF search_tokens ON posts BEGIN
				INSERT INTO post_tokens(post_tokens, rowid, search_tokens) VALUES ('delete', old.id, old.search_tokens);
				INSERT INTO post_tokens(rowid, search_tokens) VALUES (new.id, new.search_tokens);
			END`,
		)
		if n == 0 {
			// A database that had posts before the index existed.
			stmts = append(stmts, `INSERT INTO post_search(post_search) VALUES ('rebuild')`)
		}
		if nTokens == 0 {
			// Rebuilt after backfillSearchTokens below filled the column.
			defer func() {
				if err == nil {
					_, err = db.ExecContext(ctx, `INSERT INTO post_tokens(post_tokens) VALUES ('rebuild')`)
				}
			}()
		}
	default:
		return fmt.Errorf("community: search index: unknown dialect %q", dia)
	}
	if err := backfillSearchTokens(ctx, db, dia); err != nil {
		return err
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("community: search index: %w", err)
		}
	}
	return nil
}

// backfillSearchTokens fills search_tokens of posts written before the
// column existed (the schema hook writes it for every new or edited post),
// in batches, so a large board upgrades without one huge transaction.
func backfillSearchTokens(ctx context.Context, db *stdsql.DB, dia string) error {
	sel := `SELECT id, title, body FROM posts WHERE search_tokens IS NULL ORDER BY id LIMIT 500`
	upd := `UPDATE posts SET search_tokens = ? WHERE id = ?`
	if dia == dialect.Postgres {
		upd = `UPDATE posts SET search_tokens = $1 WHERE id = $2`
	}
	for {
		type row struct {
			id          int
			title, body string
		}
		var batch []row
		rows, err := db.QueryContext(ctx, sel)
		if err != nil {
			return fmt.Errorf("community: search tokens: %w", err)
		}
		for rows.Next() {
			var r row
			if err := rows.Scan(&r.id, &r.title, &r.body); err != nil {
				rows.Close()
				return fmt.Errorf("community: search tokens: %w", err)
			}
			batch = append(batch, r)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("community: search tokens: %w", err)
		}
		if len(batch) == 0 {
			return nil
		}
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for _, r := range batch {
			if _, err := tx.ExecContext(ctx, upd, searchtext.Tokens(r.title, r.body), r.id); err != nil {
				tx.Rollback() //nolint:errcheck
				return fmt.Errorf("community: search tokens: %w", err)
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
}

// searchTerms splits a query into the terms it searches for: long ones
// (three characters or more, for the trigram index) and short ones (tokens
// of the searchtext index), or explains (BAD_USER_INPUT on "query") why it
// cannot be searched.
func searchTerms(query string) (long, short, tags []string, err error) {
	query = strings.TrimSpace(query)
	if utf8.RuneCountInString(query) > maxSearchRunes {
		return nil, nil, nil, errs.Field("query", "a search has at most %d characters", maxSearchRunes)
	}
	if !utf8.ValidString(query) {
		return nil, nil, nil, errs.Field("query", "the search must be UTF-8 text")
	}
	for _, t := range strings.Fields(query) {
		if len(long)+len(short)+len(tags) == maxSearchTerms {
			break
		}
		if tag, ok := strings.CutPrefix(t, "#"); ok {
			if tag = strings.ToLower(tag); tag != "" && utf8.RuneCountInString(tag) <= maxTag {
				tags = append(tags, tag)
			}
			continue
		}
		if utf8.RuneCountInString(t) >= MinSearchRunes {
			long = append(long, t)
		} else if tok, ok := searchtext.Token(t); ok {
			short = append(short, tok)
		}
	}
	if len(long)+len(short)+len(tags) == 0 {
		return nil, nil, nil, errs.Field("query", "search for two letters or digits in a row, one Chinese or Japanese character, or a #tag")
	}
	return long, short, tags, nil
}

// HasTag filters posts carrying tag, compared as tags are stored: lowercase,
// without a leading #. A GIN index on tags answers it on PostgreSQL.
func HasTag(tag string) predicate.Post {
	tag = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(tag), "#")))
	return predicate.Post(func(s *sql.Selector) {
		s.Where(sqljson.ValueContains(s.C(post.FieldTags), tag))
	})
}

// WhereTag adds the tag filter of PostWhereInput (`where: {tag: "tea"}`).
func WhereTag(w *ent.PostWhereInput, tag *string) error {
	if tag == nil {
		return nil
	}
	if strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(*tag), "#")) == "" {
		return errs.Field("tag", "name a tag")
	}
	w.AddPredicates(HasTag(*tag))
	return nil
}

// SearchPosts returns the query of the posts whose title or body contains
// every term of query (case-insensitive), filtered by the viewer's
// visibility like every post query; the caller pages and orders it. A query
// without a term the indexes can answer is BAD_USER_INPUT.
func (s *Service) SearchPosts(ctx context.Context, query string) (*ent.PostQuery, error) {
	long, short, tags, err := searchTerms(query)
	if err != nil {
		return nil, err
	}
	q := s.Client.Post.Query()
	for _, t := range tags {
		q.Where(HasTag(t))
	}
	if len(long)+len(short) == 0 {
		return q, nil
	}
	return q.Where(predicate.Post(func(sel *sql.Selector) {
		if sel.Dialect() == dialect.SQLite {
			if len(long) > 0 {
				sel.Where(sql.ExprP(sel.C(post.FieldID)+" IN (SELECT rowid FROM "+searchTable+" WHERE "+searchTable+" MATCH ?)", ftsPhrases(long)))
			}
			if len(short) > 0 {
				sel.Where(sql.ExprP(sel.C(post.FieldID)+" IN (SELECT rowid FROM "+tokenTable+" WHERE "+tokenTable+" MATCH ?)", ftsPhrases(short)))
			}
			return
		}
		for _, t := range long {
			sel.Where(sql.Or(sql.ContainsFold(sel.C(post.FieldTitle), t), sql.ContainsFold(sel.C(post.FieldBody), t)))
		}
		if len(short) > 0 {
			col := sel.C(post.FieldSearchTokens)
			sel.Where(sql.P(func(b *sql.Builder) {
				// The expression of the posts_search_tokens index, so the
				// planner answers it from there.
				b.WriteString("string_to_array(" + col + ", ' ') @> ARRAY[")
				for i, t := range short {
					if i > 0 {
						b.Comma()
					}
					b.Arg(t)
				}
				b.WriteString("]::text[]")
			}))
		}
	})), nil
}

// ftsPhrases is an FTS5 query matching every term as a phrase.
func ftsPhrases(terms []string) string {
	phrases := make([]string, len(terms))
	for i, t := range terms {
		phrases[i] = `"` + strings.ReplaceAll(t, `"`, `""`) + `"`
	}
	return strings.Join(phrases, " AND ")
}
