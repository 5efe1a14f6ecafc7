package community

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/interaction"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/ent/notification"
	"github.com/kith-crm/kith/internal/pubsub"
	"github.com/kith-crm/kith/internal/viewer"
)

// MaxMentions is how many distinct members one post or comment can notify
// by @handle; further handles stay plain text.
const MaxMentions = 10

// mentionPattern finds @handle where the @ does not continue a Latin word,
// so an e-mail address (mei@example.com) is not a mention while Chinese text
// running into a mention (謝謝@mei) is.
var mentionPattern = regexp.MustCompile(`(?:^|[^A-Za-z0-9_.@/])@([A-Za-z0-9._]{2,32})`)

// Mentions returns the distinct handles text mentions, lower-cased, in order
// of first appearance, at most MaxMentions. A trailing dot ends a sentence,
// not a handle.
func Mentions(text string) []string {
	var out []string
	for _, m := range mentionPattern.FindAllStringSubmatch(text, -1) {
		h := strings.TrimRight(strings.ToLower(m[1]), ".")
		if len(h) < 2 || slices.Contains(out, h) {
			continue
		}
		out = append(out, h)
		if len(out) == MaxMentions {
			break
		}
	}
	return out
}

// mention notifies the members that text mentions — except the actor, those
// in skip (already notified otherwise) and those mentioned in before (the
// text an edit replaces) — and records a MENTION interaction for each. Only
// members who may read p (loaded with its board) are notified: a mention
// never tells anyone about a post they cannot see.
func (s *Service) mention(ctx context.Context, tx *ent.Tx, out *outbox, actor int, p *ent.Post, subjectID int, text, before string, skip ...int) error {
	handles := Mentions(text)
	if before != "" {
		old := Mentions(before)
		handles = slices.DeleteFunc(handles, func(h string) bool { return slices.Contains(old, h) })
	}
	if len(handles) == 0 {
		return nil
	}
	sys := system(ctx)
	members, err := tx.Member.Query().Where(member.HandleIn(handles...)).WithUser().All(sys)
	if err != nil {
		return err
	}
	for _, m := range members {
		u := m.Edges.User
		if m.ID == actor || slices.Contains(skip, m.ID) || u == nil || u.Disabled {
			continue
		}
		if !CanSee(viewer.Viewer{UserID: u.ID, Role: viewer.Role(u.Role), MemberID: m.ID}, p) {
			continue
		}
		if err := notify(ctx, tx, out, m.ID, actor, notification.KindMENTION, subjectID); err != nil {
			return err
		}
		if err := tx.Interaction.Create().SetActorID(actor).SetTargetID(m.ID).SetKind(interaction.KindMENTION).
			SetSubjectID(subjectID).Exec(sys); err != nil {
			return err
		}
	}
	return nil
}

// notify stores a notification for recipient and publishes it to their
// topic on commit.
func notify(ctx context.Context, tx *ent.Tx, out *outbox, recipient, actor int, kind notification.Kind, subjectID int) error {
	n, err := tx.Notification.Create().SetRecipientID(recipient).SetActorID(actor).SetKind(kind).
		SetSubjectID(subjectID).Save(system(ctx))
	if err != nil {
		return err
	}
	out.publish(pubsub.Event{Topic: MemberTopic(recipient), Type: EventNotification, ID: n.ID})
	return nil
}
