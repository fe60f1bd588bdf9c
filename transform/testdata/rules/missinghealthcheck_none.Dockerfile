# option rules=MissingHealthcheck
FROM nginx:1.27
HEALTHCHECK NONE
EXPOSE 80
CMD ["nginx", "-g", "daemon off;"]
