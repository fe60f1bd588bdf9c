# option rules=DependencyOrder
# option context=deps-pip-local
FROM python:3.12
WORKDIR /srv
# want DependencyOrder warning: not rewritten: requirements.txt has the line "-e \./plugins/auth"
COPY . .
RUN pip install -r requirements.txt
