# ForumKit's image: one image for every role (migrate, api, worker); compose picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# Only what the service needs, so a local .venv or var/ never ends up in the image.
COPY pyproject.toml constraints.txt README.md ./
COPY forumkit ./forumkit
COPY plugins ./plugins
COPY adapters ./adapters
RUN pip install -c constraints.txt . && rm -rf /app/forumkit /app/plugins /app/adapters

RUN useradd --system --no-create-home forumkit
USER forumkit

EXPOSE 8000
CMD ["forumkit", "serve", "--host", "0.0.0.0", "--port", "8000"]
