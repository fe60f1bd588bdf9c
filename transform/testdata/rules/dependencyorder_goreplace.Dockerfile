# option rules=DependencyOrder
# option context=deps-go-replace
FROM golang:1.23
WORKDIR /src
# want DependencyOrder warning: not rewritten: go.mod replaces a module with the local directory \./lib
COPY . .
RUN go mod download
