# option rules=RootUser
FROM gcr.io/distroless/static:nonroot
COPY app /app
