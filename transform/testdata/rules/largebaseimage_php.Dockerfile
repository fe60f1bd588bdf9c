# option rules=LargeBaseImage
# want LargeBaseImage warning: the shipped image is based on php:8.3-fpm-bookworm, the full variant.*\| use the smaller variant php:8.3-fpm-alpine
FROM php:8.3-fpm-bookworm
USER www-data
