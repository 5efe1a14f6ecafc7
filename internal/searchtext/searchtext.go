// Package searchtext makes the tokens of the short-term search index: the
// terms of one or two characters that a trigram index cannot answer. Chinese
// and Japanese write words of one or two characters without spaces between
// them (社區, 茶), so a community search that needs three characters in a row
// misses the words people search for most. The index keeps, per text, every
// distinct pair of neighbouring letters or digits and every single
// ideographic character; a short term is then one exact token lookup.
//
// It imports nothing of Kith's, so ent schema hooks can use it.
package searchtext

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tokens returns the distinct tokens of texts, lowercased, sorted and joined
// by single spaces: every pair of neighbouring letters or digits within a
// word, and every ideographic character on its own. Texts are indexed
// together, so a pair never spans two of them.
func Tokens(texts ...string) string {
	seen := map[string]struct{}{}
	for _, text := range texts {
		var prev rune
		havePrev := false
		for _, r := range strings.ToLower(text) {
			if !wordRune(r) {
				havePrev = false
				continue
			}
			if ideographic(r) {
				seen[string(r)] = struct{}{}
			}
			if havePrev {
				seen[string([]rune{prev, r})] = struct{}{}
			}
			prev, havePrev = r, true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

// Token returns the index token that answers term, a search term shorter
// than three characters: two letters or digits, or one ideographic
// character. ok is false for a term the index cannot answer (one Latin
// letter, punctuation).
func Token(term string) (token string, ok bool) {
	term = strings.ToLower(term)
	switch utf8.RuneCountInString(term) {
	case 1:
		r, _ := utf8.DecodeRuneInString(term)
		return term, ideographic(r)
	case 2:
		for _, r := range term {
			if !wordRune(r) {
				return "", false
			}
		}
		return term, true
	}
	return "", false
}

func wordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// ideographic is a character that is a word or a syllable by itself.
func ideographic(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}
