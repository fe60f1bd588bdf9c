# safe-dockerfile: a BuildKit frontend that makes Dockerfiles safe.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c

TAG      ?= dev
REGISTRY ?= 127.0.0.1:5000
IMAGE    ?= $(REGISTRY)/safe-dockerfile:$(TAG)
STATE    ?= $(CURDIR)/.cache/env
BINDIR   := $(CURDIR)/.cache/image

export SDF_STATE     := $(STATE)
export BUILDKIT_HOST := unix://$(STATE)/buildkitd.sock
export BUILDX_BUILDER := safe-dockerfile
export SDF_IMAGE     := $(IMAGE)
export PATH          := $(STATE)/bin:$(PATH)

.PHONY: help build env image org-image demo test unit e2e bench lint clean down

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-8s %s\n", $$1, $$2}'

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo devel)
LDFLAGS  := -X github.com/safe-dockerfile/safe-dockerfile/buildinfo.version=$(VERSION)

build: ## build the frontend binary, the command-line tool and the enforcing gate (into bin/)
	CGO_ENABLED=0 go build -trimpath -ldflags '$(LDFLAGS)' -o $(BINDIR)/safe-dockerfile-frontend ./cmd/safe-dockerfile-frontend
	go build -trimpath -ldflags '$(LDFLAGS)' -o bin/safe-dockerfile ./cmd/safe-dockerfile
	go build -trimpath -o bin/safe-dockerfile-gate ./cmd/safe-dockerfile-gate

env: ## start the local BuildKit, registry and base images (idempotent)
	hack/env/up

image: build env ## build the frontend image and push it to the local registry (IMAGE=...)
	buildctl build --frontend dockerfile.v0 \
	  --local context=$(BINDIR) --local dockerfile=$(CURDIR) --opt target=local \
	  --opt build-arg:SOURCE_DATE_EPOCH=0 \
	  --output type=image,name=$(IMAGE),push=true,rewrite-timestamp=true

ORG_IMAGE ?= $(REGISTRY)/org/safe-dockerfile:$(TAG)
POLICY    ?= examples/org/policy.yaml

org-image: image ## build an organisation's frontend with POLICY baked in, pushed as ORG_IMAGE
	go run ./cmd/safe-dockerfile policy validate $(POLICY)
	tmp=$$(mktemp -d) && cp examples/org/Dockerfile $$tmp/ && cp $(POLICY) $$tmp/policy.yaml && \
	buildctl build --frontend dockerfile.v0 --local context=$$tmp --local dockerfile=$$tmp \
	  --opt build-arg:BASE=$(IMAGE) --output type=image,name=$(ORG_IMAGE),push=true; \
	rc=$$?; rm -rf $$tmp; exit $$rc

demo: image ## build examples/hello through the frontend with docker buildx
	docker buildx build --builder safe-dockerfile --progress plain \
	  --output type=image,name=$(REGISTRY)/hello:demo,push=true examples/hello

unit: ## run the unit tests (no BuildKit needed)
	go test -short ./...

e2e: image ## run the end-to-end tests against the local BuildKit
	go test -count=1 -timeout 20m ./tests/...

test: image ## run every test: unit and end to end
	go test -count=1 -timeout 25m ./...

bench: image ## benchmarks: the rules against BuildKit's lint, and cached rebuilds against the stock frontend
	go test -run '^$$' -bench . -benchmem ./transform/...
	hack/bench/rebuild
	hack/bench/optimise

lint: ## vet and check formatting
	go vet ./...
	test -z "$$(gofmt -l .)"

down: ## stop what hack/env/up started
	hack/env/down

clean: down ## remove built state
	rm -rf .cache
