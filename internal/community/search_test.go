package community_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"entgo.io/ent/dialect"

	"github.com/kith-crm/kith/internal/community"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/store"
	"github.com/kith-crm/kith/internal/testdb"
)

func TestSearchPosts_AnyLanguageOnlyVisible(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		w := newBoardWorld(t, db)
		cafe := w.post(w.alice, w.public, "週末咖啡聚會", "我們的社區活動很精彩，歡迎大家來參加。")
		tea := w.post(w.bob, w.public, "Tea tasting", "Oolong and Pu-erh, 50% off_now")
		members := w.post(w.bob, w.members, "會員專區", "只有會員看得到的社區公告")
		w.post(w.admin, w.staffB, "內部會議", "staff only")
		hidden := w.post(w.carol, w.public, "隱藏的社區貼文", "x")
		w.hide(hidden)
		gone := w.post(w.carol, w.public, "刪除的社區貼文", "x")
		if _, err := w.svc.DeletePost(w.carol.ctx, gone.ID); err != nil {
			t.Fatal(err)
		}

		for _, c := range []struct {
			name  string
			who   context.Context
			query string
			want  []int
			code  errs.Code
		}{
			{"ChineseSubstring", w.anon, "社區活動", []int{cafe.ID}, ""},
			{"ChineseInTitle", w.anon, "咖啡聚", []int{cafe.ID}, ""},
			{"AnonymousSeesPublicOnly", w.anon, "的社區", []int{cafe.ID}, ""},
			{"MemberSeesMembersBoard", w.bob.ctx, "的社區", []int{cafe.ID, members.ID}, ""},
			{"StaffSeeHidden", w.marketer.ctx, "的社區", []int{cafe.ID, members.ID, hidden.ID}, ""},
			{"DeletedForNobody", w.admin.ctx, "刪除的", nil, ""},
			{"CaseInsensitive", w.anon, "OOLONG", []int{tea.ID}, ""},
			{"EveryTermMustMatch", w.anon, "oolong tasting", []int{tea.ID}, ""},
			{"NoPostHasBoth", w.anon, "oolong 咖啡聚", nil, ""},
			{"ShortTermsIgnored", w.anon, "to oolong", []int{tea.ID}, ""},
			{"PercentIsLiteral", w.anon, "50%", []int{tea.ID}, ""},
			{"WildcardsMatchNothingElse", w.anon, "%%%", nil, ""},
			{"UnderscoreIsLiteral", w.anon, "f_n", []int{tea.ID}, ""},
			{"QuotesAreText", w.anon, `"oolong"`, nil, ""},
			{"FTSSyntaxIsText", w.anon, "oolong OR NEAR(x)", nil, ""},
			{"TooShort", w.anon, "社區", nil, errs.Invalid},
			{"Blank", w.anon, "   ", nil, errs.Invalid},
			{"TooLong", w.anon, strings.Repeat("長", 201), nil, errs.Invalid},
		} {
			t.Run(c.name, func(t *testing.T) {
				q, err := w.svc.SearchPosts(c.who, c.query)
				if c.code != "" {
					wantCode(t, err, c.code, "query")
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				got, err := q.IDs(c.who)
				if err != nil {
					t.Fatal(err)
				}
				slices.Sort(got)
				want := slices.Clone(c.want)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					t.Fatalf("search %q found %v; want %v", c.query, got, want)
				}
			})
		}

		// Edits are indexed at once.
		title := "新標題聚餐"
		if _, err := w.svc.UpdatePost(w.alice.ctx, cafe.ID, community.PostPatch{Title: &title}); err != nil {
			t.Fatal(err)
		}
		for q, want := range map[string]int{"咖啡聚": 0, "標題聚": 1} {
			sq, _ := w.svc.SearchPosts(w.anon, q)
			if n := sq.CountX(w.anon); n != want {
				t.Fatalf("after the edit %q finds %d; want %d", q, n, want)
			}
		}
	})
}

func TestSearchMigrate_IdempotentAndIndexed(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		w := newBoardWorld(t, db)
		p := w.post(w.alice, w.public, "舊的貼文", "在索引之前寫的社區內容")
		if db.Dialect == dialect.SQLite {
			// A database whose posts predate the index: Migrate indexes them.
			for _, q := range []string{"DROP TRIGGER post_search_insert", "DROP TRIGGER post_search_update",
				"DROP TRIGGER post_search_delete", "DROP TABLE post_search"} {
				if _, err := db.SQL.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
		}
		for i := 0; i < 2; i++ {
			if err := community.Migrate(ctx, db.SQL, db.Dialect); err != nil {
				t.Fatalf("Migrate #%d: %v", i+1, err)
			}
		}
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("the whole migration again, over the search index: %v", err)
		}
		q, err := w.svc.SearchPosts(w.anon, "社區內容")
		if err != nil {
			t.Fatal(err)
		}
		if ids := q.IDsX(w.anon); !slices.Equal(ids, []int{p.ID}) {
			t.Fatalf("found %v; want [%d]", ids, p.ID)
		}

		// The search is answered by the index, not by scanning posts.
		var plan []string
		conn, err := db.SQL.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		query := `EXPLAIN QUERY PLAN SELECT rowid FROM post_search WHERE post_search MATCH '"社區內容"'`
		want := "VIRTUAL TABLE INDEX"
		if db.Dialect == dialect.Postgres {
			if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
			query = `EXPLAIN SELECT id FROM posts WHERE title ILIKE '%社區內容%' OR body ILIKE '%社區內容%'`
			want = "posts_body_trgm"
		}
		rows, err := conn.QueryContext(ctx, query)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			for i := range vals {
				vals[i] = new(any)
			}
			if err := rows.Scan(vals...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				if s, ok := (*v.(*any)).(string); ok {
					plan = append(plan, s)
				}
			}
		}
		if p := strings.Join(plan, "\n"); !strings.Contains(p, want) {
			t.Fatalf("query plan does not use the search index (%s):\n%s", want, p)
		}
	})
}
