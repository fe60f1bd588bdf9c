# option rules=NonNumericUser
# option numeric-user=true
FROM alpine:3.19 AS a
USER app

FROM a
USER 10001:app
