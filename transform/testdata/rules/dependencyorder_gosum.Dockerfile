# option rules=DependencyOrder
# option context=deps-gosum-stale
FROM golang:1.23
WORKDIR /src
# want DependencyOrder warning: not rewritten: go.sum lacks the checksums of github.com/google/uuid v1.6.0
COPY . .
RUN go mod download
