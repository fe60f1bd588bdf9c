# option rules=MissingHealthcheck
FROM alpine:3.19 AS build
HEALTHCHECK CMD true

FROM alpine:3.19
COPY --from=build /etc/hostname /app
# want MissingHealthcheck warning: stage 1 has no HEALTHCHECK, but it exposes 8080
EXPOSE 8080
EXPOSE 9090
CMD ["/app"]
