# option rules=LargeBaseImage
FROM golang:1.22 AS build
RUN go build -o /out/tool ./cmd/tool

# want LargeBaseImage warning: the shipped image is based on python:3.12-bookworm, the full variant of the official python image.*\| use the smaller variant python:3.12-slim-bookworm
FROM python:3.12-bookworm AS base
RUN pip install --no-cache-dir flask

FROM base
COPY --from=build /out/tool /usr/local/bin/tool
USER 10001
