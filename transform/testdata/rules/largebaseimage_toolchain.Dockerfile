# option rules=LargeBaseImage
# want LargeBaseImage warning: the shipped image is based on golang:1.22-alpine, a build toolchain image.*\| build in a builder stage on it and COPY only the result into a small final stage, e.g. gcr.io/distroless/static
FROM golang:1.22-alpine
RUN go build -o /usr/local/bin/app .
USER 10001
