package community

import (
	"context"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kith-crm/kith/ent"
	"github.com/kith-crm/kith/ent/member"
	"github.com/kith-crm/kith/internal/errs"
	"github.com/kith-crm/kith/internal/viewer"
)

// ProfileInput is a member's change to their public profile; nil keeps a value.
type ProfileInput struct {
	DisplayName, Handle, AvatarURL, Bio *string
}

var handlePattern = regexp.MustCompile(`^[a-z0-9._]{2,32}$`)

// UpdateProfile changes the viewer's public profile.
func (s *Service) UpdateProfile(ctx context.Context, in ProfileInput) (*ent.Member, error) {
	v := viewer.FromContext(ctx)
	if !v.Authenticated() {
		return nil, errs.E(errs.Unauthenticated, "sign in first")
	}
	if v.MemberID == 0 {
		return nil, errs.E(errs.Forbidden, "this account has no community profile")
	}
	u := s.Client.Member.UpdateOneID(v.MemberID)
	if in.DisplayName != nil {
		n := strings.TrimSpace(*in.DisplayName)
		if n == "" || utf8.RuneCountInString(n) > 80 {
			return nil, errs.Field("displayName", "display name must have 1 to 80 characters")
		}
		u.SetDisplayName(n)
	}
	if in.Handle != nil {
		h := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(*in.Handle), "@"))
		if !handlePattern.MatchString(h) {
			return nil, errs.Field("handle", "a handle has 2 to 32 letters, digits, dots or underscores")
		}
		taken, err := s.Client.Member.Query().Where(member.Handle(h), member.IDNEQ(v.MemberID)).Exist(ctx)
		if err != nil {
			return nil, err
		}
		if taken {
			return nil, &errs.Error{Code: errs.Conflict, Field: "handle", Message: "this handle is taken"}
		}
		u.SetHandle(h)
	}
	if in.AvatarURL != nil {
		a := strings.TrimSpace(*in.AvatarURL)
		if a != "" && !strings.HasPrefix(a, "https://") {
			return nil, errs.Field("avatarURL", "avatar must be an https:// URL")
		}
		u.SetAvatarURL(a)
	}
	if in.Bio != nil {
		if utf8.RuneCountInString(*in.Bio) > 1000 {
			return nil, errs.Field("bio", "bio has at most 1000 characters")
		}
		u.SetBio(*in.Bio)
	}
	m, err := u.Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "handle", Message: "this handle is taken"}
	}
	return m, err
}

// CreateBoard adds a board (admins).
func (s *Service) CreateBoard(ctx context.Context, in ent.CreateBoardInput) (*ent.Board, error) {
	if !viewer.FromContext(ctx).IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins create boards")
	}
	in.Slug = strings.ToLower(strings.TrimSpace(in.Slug))
	b, err := s.Client.Board.Create().SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "slug", Message: "a board with this slug exists"}
	}
	return b, err
}

// UpdateBoard changes a board (admins).
func (s *Service) UpdateBoard(ctx context.Context, id int, in ent.UpdateBoardInput) (*ent.Board, error) {
	if _, err := s.Client.Board.Get(ctx, id); err != nil {
		return nil, err
	}
	if !viewer.FromContext(ctx).IsAdmin() {
		return nil, errs.E(errs.Forbidden, "only admins change boards")
	}
	b, err := s.Client.Board.UpdateOneID(id).SetInput(in).Save(ctx)
	if ent.IsConstraintError(err) {
		return nil, &errs.Error{Code: errs.Conflict, Field: "slug", Message: "a board with this slug exists"}
	}
	return b, err
}
