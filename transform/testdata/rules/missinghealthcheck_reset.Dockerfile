# option rules=MissingHealthcheck
FROM nginx:1.27 AS web
CMD ["nginx", "-g", "daemon off;"]

# the ENTRYPOINT drops the inherited CMD: this image runs a batch job
FROM web
ENTRYPOINT ["/usr/local/bin/render-site"]
