# option rules=NonNumericUser
# NumericUser is off by default: no finding
FROM alpine:3.19
USER app
