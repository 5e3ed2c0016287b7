// Package accountsv1 is a golden Go-defined service whose package name
// differs from its directory, with explicit field ids throughout (the
// evolution style for teams that reorder fields) and no streaming sides
// beyond a client stream. accountsv1.wsgen.go and accounts.fbs are
// generated from it (go test ./internal/goifacetest -update).
package accountsv1

import (
	"context"
	"iter"
	"time"
)

//go:generate go run github.com/wsgen/wsgen/cmd/wsgen -emit-fbs accounts.fbs .

// Accounts manages accounts.
//
//wsgen:service
type Accounts interface {
	// Open opens an account.
	//
	//wsgen:idempotent
	Open(ctx context.Context, req *OpenRequest) (*Account, error)
	// Import opens many accounts at once.
	Import(ctx context.Context, reqs iter.Seq2[*OpenRequest, error]) (*ImportSummary, error)
}

// Tier is an account tier.
type Tier uint8

// The tiers.
const (
	TierFree Tier = iota
	TierPro
	TierEnterprise
)

// OpenRequest asks for an account. Field 1 (a phone number) was removed.
type OpenRequest struct {
	Email string            `wsgen:"id=0"`
	Tier  *Tier             `wsgen:"id=3"`
	Owner string            `wsgen:"id=2"`
	Notes map[Tier][]string `wsgen:"id=4"`
}

// Account is an opened account.
type Account struct {
	ID      uint64        `wsgen:"id=0"`
	Email   string        `wsgen:"id=1"`
	Tier    Tier          `wsgen:"id=2"`
	Opened  time.Time     `wsgen:"id=3"`
	Trial   time.Duration `wsgen:"id=4"`
	Limits  []int32       `wsgen:"id=5"`
	Related []*Account    `wsgen:"id=6"`
}

// ImportSummary counts imported accounts.
type ImportSummary struct {
	Opened   int32    `wsgen:"id=0"`
	Rejected []string `wsgen:"id=1"`
}
