package mail

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// jsonLogger returns a logger writing JSON lines into buf.
func jsonLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

// logLines decodes the JSON lines in buf.
func logLines(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var lines []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if line == "" {
			continue
		}
		var m map[string]any
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		lines = append(lines, m)
	}
	return lines
}

func TestLogSender_LogsLinkButNoSecrets(t *testing.T) {
	t.Parallel()
	const link = "https://kith.example/verify?token=abc123&uid=7"
	tests := []struct {
		name     string
		msg      func(t *testing.T) Message
		wantKey  string // the attribute that carries the body
		wantBody string
	}{
		{
			name: "RenderedVerification",
			msg: func(t *testing.T) Message {
				m, err := Render(VerifyEmail, "en", LinkData{Link: link, Name: "Ada"})
				if err != nil {
					t.Fatal(err)
				}
				m.To = "ada@example.com"
				m.Headers["List-Unsubscribe"] = "<https://kith.example/unsubscribe/SECRET-TOKEN>"
				return m
			},
			wantKey:  "text",
			wantBody: link,
		},
		{
			name: "HTMLOnly",
			msg: func(*testing.T) Message {
				return Message{To: "ada@example.com", Subject: "Rich", HTML: `<a href="` + link + `">go</a>`}
			},
			wantKey:  "html",
			wantBody: link,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			m := tt.msg(t)
			if err := NewLogSender(jsonLogger(&buf)).Send(context.Background(), m); err != nil {
				t.Fatalf("Send: %v", err)
			}
			lines := logLines(t, &buf)
			if len(lines) != 1 {
				t.Fatalf("got %d log lines, want 1:\n%s", len(lines), buf.String())
			}
			got := lines[0]
			if got["level"] != "INFO" || got["to"] != m.To || got["subject"] != m.Subject {
				t.Errorf("log = %v, want level INFO, to %q, subject %q", got, m.To, m.Subject)
			}
			if body, _ := got[tt.wantKey].(string); !strings.Contains(body, tt.wantBody) {
				t.Errorf("log %s = %q, want it to contain %q", tt.wantKey, body, tt.wantBody)
			}
			if strings.Contains(buf.String(), "SECRET-TOKEN") {
				t.Errorf("log reveals a header value:\n%s", buf.String())
			}
		})
	}
}

func TestLogSender_RejectsWhatSMTPWould(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	s := NewLogSender(jsonLogger(&buf))

	m := sampleMessage()
	m.Headers = map[string]string{"Bcc": "all@example.com"}
	if err := s.Send(context.Background(), m); !errors.Is(err, ErrInvalidMessage) {
		t.Errorf("Send with a reserved header = %v, want ErrInvalidMessage", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Send(ctx, sampleMessage()); !errors.Is(err, context.Canceled) {
		t.Errorf("Send with a canceled context = %v, want context.Canceled", err)
	}
	if buf.Len() != 0 {
		t.Errorf("rejected messages were logged:\n%s", buf.String())
	}
}

func TestNewSender_ChoosesByURL(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		url      string
		from     string
		wantType string // "log", "smtp" or "" for an error
		wantWarn bool
	}{
		{name: "EmptyURLLogs", url: "", from: testFrom, wantType: "log", wantWarn: true},
		{name: "URLSends", url: "smtp://127.0.0.1:2525", from: testFrom, wantType: "smtp"},
		{name: "BadURL", url: "http://mail.example.com", from: testFrom},
		{name: "BadFromWithURL", url: "smtp://127.0.0.1:2525", from: "nobody"},
		{name: "BadFromWithoutURL", url: "", from: "nobody"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var buf bytes.Buffer
			s, err := NewSender(tt.url, tt.from, jsonLogger(&buf))
			switch tt.wantType {
			case "":
				if err == nil || s != nil {
					t.Errorf("NewSender = %v, %v; want nil Sender and an error", s, err)
				}
			case "log":
				if _, ok := s.(*LogSender); !ok || err != nil {
					t.Errorf("NewSender = %T, %v; want *LogSender", s, err)
				}
			case "smtp":
				if _, ok := s.(*SMTPSender); !ok || err != nil {
					t.Errorf("NewSender = %T, %v; want *SMTPSender", s, err)
				}
			}
			warned := strings.Contains(buf.String(), `"level":"WARN"`)
			if warned != tt.wantWarn {
				t.Errorf("warned = %v, want %v; log:\n%s", warned, tt.wantWarn, buf.String())
			}
		})
	}
}
