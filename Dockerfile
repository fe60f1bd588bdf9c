# The safe-dockerfile frontend image.
#
#   release (default): builds the frontend from source in a Go image.
#   local:             packages a binary built on the host (make image), for
#                      machines that cannot pull a Go image.

ARG GO_IMAGE=golang:1.26.8-bookworm

FROM ${GO_IMAGE} AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY buildinfo buildinfo
COPY cmd cmd
COPY frontend frontend
COPY inspect inspect
COPY policy policy
COPY transform transform
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" \
    -o /out/safe-dockerfile-frontend ./cmd/safe-dockerfile-frontend

FROM scratch AS base
LABEL moby.buildkit.frontend.network.none="true"
LABEL moby.buildkit.frontend.caps="moby.buildkit.frontend.inputs,moby.buildkit.frontend.subrequests,moby.buildkit.frontend.contexts"
LABEL org.opencontainers.image.title="safe-dockerfile"
LABEL org.opencontainers.image.source="https://github.com/safe-dockerfile/safe-dockerfile"
USER 65532:65532
ENTRYPOINT ["/bin/safe-dockerfile-frontend"]

FROM base AS local
COPY --chmod=0555 safe-dockerfile-frontend /bin/safe-dockerfile-frontend

FROM base AS release
COPY --from=build --chmod=0555 /out/safe-dockerfile-frontend /bin/safe-dockerfile-frontend
