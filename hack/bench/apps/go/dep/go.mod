module example.com/bench/go

go 1.19

require (
	github.com/dustin/go-humanize v1.0.1
	github.com/google/uuid v1.6.0
)
