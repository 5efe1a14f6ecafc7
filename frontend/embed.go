// Package frontend embeds the built web app (frontend/dist) into the binary.
// `make build` runs the Vite build first; a fresh clone compiles without it
// and the server then shows a page saying the app is not built.
package frontend

import "embed"

// Dist holds the files of the built web app under "dist/".
//
//go:embed all:dist
var Dist embed.FS
