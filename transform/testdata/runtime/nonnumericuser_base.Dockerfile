# option rules=NonNumericUser
# option numeric-user=true
FROM gcr.io/distroless/static:nonroot
COPY app /app
