package community_test

import (
	"context"
	"database/sql"
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
		tea, err := w.svc.CreatePost(w.bob.ctx, community.PostInput{BoardID: w.public.ID, Title: "Tea tasting",
			Body: "Oolong and Pu-erh, 50% off_now", Tags: []string{"#Tea", "烏龍"}})
		if err != nil {
			t.Fatal(err)
		}
		greenTea, err := w.svc.CreatePost(w.carol.ctx, community.PostInput{BoardID: w.public.ID, Title: "綠茶",
			Body: "Longjing in spring", Tags: []string{"tea"}})
		if err != nil {
			t.Fatal(err)
		}
		hiddenTagged, err := w.svc.CreatePost(w.carol.ctx, community.PostInput{BoardID: w.public.ID, Title: "Hidden tea",
			Body: "x", Tags: []string{"tea"}})
		if err != nil {
			t.Fatal(err)
		}
		w.hide(hiddenTagged)
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
			{"TwoCharacterChineseWord", w.anon, "社區", []int{cafe.ID}, ""},
			{"TwoCharacterWordMemberView", w.bob.ctx, "社區", []int{cafe.ID, members.ID}, ""},
			{"OneChineseCharacter", w.anon, "聚", []int{cafe.ID}, ""},
			{"ShortChineseTermsTogether", w.anon, "社區 活動", []int{cafe.ID}, ""},
			{"ShortAndLongTerms", w.anon, "精彩 社區活動", []int{cafe.ID}, ""},
			{"ShortTermMustMatchToo", w.anon, "茶 社區活動", nil, ""},
			{"TwoLatinLetters", w.anon, "PU", []int{tea.ID}, ""},
			{"TwoLettersCount", w.anon, "to oolong", nil, ""},
			{"SingleLatinLetterIgnored", w.anon, "a oolong", []int{tea.ID}, ""},
			{"PairsWithinWords", w.anon, "ta", []int{tea.ID}, ""},
			{"PairsNeverSpanWords", w.anon, "ga", nil, ""},
			{"PairsNeverSpanPunctuation", w.anon, "fn", nil, ""},
			{"PercentIsLiteral", w.anon, "50%", []int{tea.ID}, ""},
			{"WildcardsMatchNothingElse", w.anon, "%%%", nil, ""},
			{"UnderscoreIsLiteral", w.anon, "f_n", []int{tea.ID}, ""},
			{"QuotesAreText", w.anon, `"oolong"`, nil, ""},
			{"FTSSyntaxIsText", w.anon, "oolong OR NEAR(x)", nil, ""},
			{"Tag", w.anon, "#tea", []int{tea.ID, greenTea.ID}, ""},
			{"TagAnyCase", w.anon, "#TEA", []int{tea.ID, greenTea.ID}, ""},
			{"ChineseTag", w.anon, "#烏龍", []int{tea.ID}, ""},
			{"TagAndText", w.anon, "#tea longjing", []int{greenTea.ID}, ""},
			{"TagsAllMatch", w.anon, "#tea #烏龍", []int{tea.ID}, ""},
			{"TagIsNotText", w.anon, "#oolong", nil, ""},
			{"TaggedHiddenForStaffOnly", w.marketer.ctx, "#tea", []int{tea.ID, greenTea.ID, hiddenTagged.ID}, ""},
			{"TooShort", w.anon, "a", nil, errs.Invalid},
			{"BareHash", w.anon, "#", nil, errs.Invalid},
			{"OnlyPunctuation", w.anon, "， 。", nil, errs.Invalid},
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
		for q, want := range map[string]int{"咖啡聚": 0, "標題聚": 1, "咖啡": 0, "標題": 1, "週": 0, "餐": 1} {
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
		// A database whose posts predate the indexes: Migrate indexes them,
		// filling the short-term tokens the post hook writes today.
		if _, err := db.SQL.ExecContext(ctx, "UPDATE posts SET search_tokens = NULL"); err != nil {
			t.Fatal(err)
		}
		if db.Dialect == dialect.SQLite {
			for _, q := range []string{"DROP TRIGGER post_search_insert", "DROP TRIGGER post_search_update",
				"DROP TRIGGER post_search_delete", "DROP TABLE post_search",
				"DROP TRIGGER post_tokens_insert", "DROP TRIGGER post_tokens_update",
				"DROP TRIGGER post_tokens_delete", "DROP TABLE post_tokens"} {
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
		for _, term := range []string{"社區內容", "社區", "舊"} {
			q, err := w.svc.SearchPosts(w.anon, term)
			if err != nil {
				t.Fatal(err)
			}
			if ids := q.IDsX(w.anon); !slices.Equal(ids, []int{p.ID}) {
				t.Fatalf("%q found %v; want [%d]", term, ids, p.ID)
			}
		}

		// Searches are answered by the indexes, not by scanning posts.
		conn, err := db.SQL.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		plans := map[string]string{
			`EXPLAIN QUERY PLAN SELECT rowid FROM post_search WHERE post_search MATCH '"社區內容"'`: "VIRTUAL TABLE INDEX",
			`EXPLAIN QUERY PLAN SELECT rowid FROM post_tokens WHERE post_tokens MATCH '"社區"'`:   "VIRTUAL TABLE INDEX",
		}
		if db.Dialect == dialect.Postgres {
			if _, err := conn.ExecContext(ctx, "SET enable_seqscan = off"); err != nil {
				t.Fatal(err)
			}
			plans = map[string]string{
				`EXPLAIN SELECT id FROM posts WHERE title ILIKE '%社區內容%' OR body ILIKE '%社區內容%'`:                "posts_body_trgm",
				`EXPLAIN SELECT id FROM posts WHERE string_to_array(search_tokens, ' ') @> ARRAY['社區']::text[]`: "posts_search_tokens",
				`EXPLAIN SELECT id FROM posts WHERE (tags)::jsonb @> '"tea"'::jsonb`:                            "posts_tags",
			}
		}
		for query, want := range plans {
			if p := queryPlan(t, ctx, conn, query); !strings.Contains(p, want) {
				t.Fatalf("query plan does not use the search index (%s):\n%s", want, p)
			}
		}
	})
}

// queryPlan returns the text columns of an EXPLAIN's rows, one per line.
func queryPlan(t *testing.T, ctx context.Context, conn *sql.Conn, query string) string {
	t.Helper()
	var plan []string
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
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return strings.Join(plan, "\n")
}
