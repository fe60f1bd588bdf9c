# option rules=RootUser
# want RootUser error: starts FROM scratch
FROM scratch
COPY app /app
