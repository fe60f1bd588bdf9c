# option rules=MissingHealthcheck
FROM golang:1.23 AS build
EXPOSE 8080
CMD ["go", "run", "."]

FROM scratch
COPY --from=build /go/bin/app /app
ENTRYPOINT ["/app"]
