

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

CREATE TABLE public.alembic_version (
    version_num character varying(32) NOT NULL
);

CREATE TABLE public.api_key (
    id integer NOT NULL,
    key_hash character varying(64) NOT NULL,
    prefix character varying(16) NOT NULL,
    forum_id integer,
    scope character varying(16) NOT NULL,
    label character varying(200) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone
);

CREATE SEQUENCE public.api_key_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.api_key_id_seq OWNED BY public.api_key.id;

CREATE TABLE public.audit_entry (
    id integer NOT NULL,
    forum_id integer,
    at timestamp with time zone NOT NULL,
    actor character varying(100) NOT NULL,
    action character varying(100) NOT NULL,
    subject character varying(200) NOT NULL,
    before json,
    after json
);

CREATE SEQUENCE public.audit_entry_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.audit_entry_id_seq OWNED BY public.audit_entry.id;

CREATE TABLE public.content_warnings_forum (
    forum_id integer NOT NULL,
    seeded_at timestamp with time zone NOT NULL
);

CREATE TABLE public.content_warnings_history (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    label_key character varying(64) NOT NULL,
    change character varying(16) NOT NULL,
    source character varying(16) NOT NULL,
    actor character varying(64) NOT NULL,
    actor_member_id integer,
    reason character varying(500),
    matched json NOT NULL,
    at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.content_warnings_history_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_history_id_seq OWNED BY public.content_warnings_history.id;

CREATE TABLE public.content_warnings_label (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    key character varying(64) NOT NULL,
    name character varying(100) NOT NULL,
    description character varying(300) NOT NULL,
    "position" integer NOT NULL,
    created_at timestamp with time zone NOT NULL,
    retired_at timestamp with time zone
);

CREATE SEQUENCE public.content_warnings_label_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_label_id_seq OWNED BY public.content_warnings_label.id;

CREATE TABLE public.content_warnings_language_term (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    phrase character varying(100) NOT NULL,
    suggestion character varying(200) NOT NULL,
    why character varying(300) NOT NULL
);

CREATE SEQUENCE public.content_warnings_language_term_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_language_term_id_seq OWNED BY public.content_warnings_language_term.id;

CREATE TABLE public.content_warnings_lexicon_term (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    label_id integer NOT NULL,
    phrase character varying(100) NOT NULL
);

CREATE SEQUENCE public.content_warnings_lexicon_term_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_lexicon_term_id_seq OWNED BY public.content_warnings_lexicon_term.id;

CREATE TABLE public.content_warnings_post_label (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    label_id integer NOT NULL,
    state character varying(16) NOT NULL,
    source character varying(16) NOT NULL,
    actor character varying(64) NOT NULL,
    reason character varying(500),
    matched json NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.content_warnings_post_label_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_post_label_id_seq OWNED BY public.content_warnings_post_label.id;

CREATE TABLE public.content_warnings_preference (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    member_id integer NOT NULL,
    label_id integer NOT NULL,
    display character varying(8) NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.content_warnings_preference_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.content_warnings_preference_id_seq OWNED BY public.content_warnings_preference.id;

CREATE TABLE public.forum (
    id integer NOT NULL,
    slug character varying(64) NOT NULL,
    name character varying(200) NOT NULL,
    adapter character varying(64) NOT NULL,
    adapter_settings json NOT NULL,
    webhook_secret character varying(128) NOT NULL,
    member_secret character varying(128) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.forum_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.forum_id_seq OWNED BY public.forum.id;

CREATE TABLE public.forum_plugin (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    plugin character varying(64) NOT NULL,
    enabled boolean NOT NULL,
    settings json NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.forum_plugin_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.forum_plugin_id_seq OWNED BY public.forum_plugin.id;

CREATE TABLE public.gratitude_reaction (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    member_id integer NOT NULL,
    kind character varying(40) NOT NULL,
    source character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.gratitude_reaction_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.gratitude_reaction_id_seq OWNED BY public.gratitude_reaction.id;

CREATE TABLE public.helper_impact_care_notice (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    member_id integer NOT NULL,
    window_key integer NOT NULL,
    threads integer NOT NULL,
    sent_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.helper_impact_care_notice_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.helper_impact_care_notice_id_seq OWNED BY public.helper_impact_care_notice.id;

CREATE TABLE public.helper_impact_digest_run (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    week character varying(10) NOT NULL,
    helpers integer NOT NULL,
    ran_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.helper_impact_digest_run_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.helper_impact_digest_run_id_seq OWNED BY public.helper_impact_digest_run.id;

CREATE TABLE public.helper_impact_feedback (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    member_id integer NOT NULL,
    text character varying(2000) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    answer character varying(2000),
    answered_at timestamp with time zone,
    answered_by character varying(64)
);

CREATE SEQUENCE public.helper_impact_feedback_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.helper_impact_feedback_id_seq OWNED BY public.helper_impact_feedback.id;

CREATE TABLE public.helper_impact_note (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    helper_id integer NOT NULL,
    author_id integer NOT NULL,
    text character varying(500) NOT NULL,
    anonymous boolean NOT NULL,
    public boolean NOT NULL,
    labels json NOT NULL,
    created_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.helper_impact_note_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.helper_impact_note_id_seq OWNED BY public.helper_impact_note.id;

CREATE TABLE public.helper_impact_preference (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    member_id integer NOT NULL,
    digest boolean NOT NULL,
    note_messages boolean NOT NULL,
    updated_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.helper_impact_preference_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.helper_impact_preference_id_seq OWNED BY public.helper_impact_preference.id;

CREATE TABLE public.ingested_event (
    forum_id integer NOT NULL,
    event_id character varying(200) NOT NULL,
    type character varying(40) NOT NULL,
    received_at timestamp with time zone NOT NULL
);

CREATE TABLE public.member (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    key character varying(64) NOT NULL,
    first_seen timestamp with time zone NOT NULL,
    post_count integer NOT NULL,
    is_staff boolean NOT NULL
);

CREATE SEQUENCE public.member_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.member_id_seq OWNED BY public.member.id;

CREATE TABLE public.outbox (
    id character varying(40) NOT NULL,
    forum_id integer NOT NULL,
    channel character varying(100) NOT NULL,
    kind character varying(64) NOT NULL,
    payload json NOT NULL,
    dedupe_key character varying(200),
    status character varying(16) NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    last_error character varying(500),
    created_at timestamp with time zone NOT NULL,
    delivered_at timestamp with time zone
);

CREATE TABLE public.post (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    ext_id character varying(200) NOT NULL,
    thread_id integer,
    author_id integer,
    reply_to_ext_id character varying(200),
    is_first_in_thread boolean NOT NULL,
    author_is_staff boolean NOT NULL,
    url character varying(2000),
    created_at timestamp with time zone,
    edited_at timestamp with time zone,
    deleted_at timestamp with time zone,
    content_as_of timestamp with time zone
);

CREATE SEQUENCE public.post_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.post_id_seq OWNED BY public.post.id;

CREATE TABLE public.response_modes_change (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    thread_id integer NOT NULL,
    from_mode character varying(32),
    to_mode character varying(32) NOT NULL,
    allow_reactions boolean NOT NULL,
    opens_at timestamp with time zone,
    by character varying(32) NOT NULL,
    actor_member_id integer,
    at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.response_modes_change_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.response_modes_change_id_seq OWNED BY public.response_modes_change.id;

CREATE TABLE public.response_modes_post (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    mode character varying(32) NOT NULL,
    allow_reactions boolean NOT NULL,
    opens_at timestamp with time zone,
    changed_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.response_modes_post_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.response_modes_post_id_seq OWNED BY public.response_modes_post.id;

CREATE TABLE public.response_modes_thread (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    thread_id integer NOT NULL,
    mode character varying(32) NOT NULL,
    allow_reactions boolean NOT NULL,
    opens_at timestamp with time zone,
    changed_at timestamp with time zone NOT NULL,
    source character varying(32) NOT NULL
);

CREATE SEQUENCE public.response_modes_thread_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.response_modes_thread_id_seq OWNED BY public.response_modes_thread.id;

CREATE TABLE public.thread (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    ext_id character varying(200) NOT NULL,
    category_id character varying(200),
    tags json NOT NULL,
    title character varying(500),
    url character varying(2000),
    author_id integer,
    created_at timestamp with time zone,
    closed boolean NOT NULL,
    announcement boolean NOT NULL,
    pending_post_fields json
);

CREATE SEQUENCE public.thread_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.thread_id_seq OWNED BY public.thread.id;

CREATE TABLE public.unanswered_alert (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    watch_id integer NOT NULL,
    post_id integer NOT NULL,
    thread_id integer NOT NULL,
    category_id character varying(200),
    tier integer NOT NULL,
    new_member boolean NOT NULL,
    due_at timestamp with time zone NOT NULL,
    fired_at timestamp with time zone NOT NULL,
    late boolean NOT NULL,
    out_of_hours boolean NOT NULL,
    channels json NOT NULL,
    state character varying(16) NOT NULL,
    claimed_by character varying(64),
    snoozed_until timestamp with time zone,
    resolved_at timestamp with time zone,
    resolution character varying(16),
    note character varying(1000)
);

CREATE SEQUENCE public.unanswered_alert_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.unanswered_alert_id_seq OWNED BY public.unanswered_alert.id;

CREATE TABLE public.unanswered_alert_step (
    id integer NOT NULL,
    alert_id integer NOT NULL,
    at timestamp with time zone NOT NULL,
    actor character varying(64) NOT NULL,
    action character varying(16) NOT NULL,
    note character varying(1000)
);

CREATE SEQUENCE public.unanswered_alert_step_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.unanswered_alert_step_id_seq OWNED BY public.unanswered_alert_step.id;

CREATE TABLE public.unanswered_watch (
    id integer NOT NULL,
    forum_id integer NOT NULL,
    post_id integer NOT NULL,
    thread_id integer NOT NULL,
    category_id character varying(200),
    posted_at timestamp with time zone NOT NULL,
    new_member boolean NOT NULL,
    state character varying(16) NOT NULL,
    next_tier integer NOT NULL,
    due_at timestamp with time zone,
    answered_at timestamp with time zone,
    answered_by_staff boolean NOT NULL,
    alerted_before_answer boolean NOT NULL,
    excerpt character varying(280)
);

CREATE SEQUENCE public.unanswered_watch_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.unanswered_watch_id_seq OWNED BY public.unanswered_watch.id;

CREATE TABLE public.web_session (
    id integer NOT NULL,
    token_hash character varying(64) NOT NULL,
    api_key_id integer NOT NULL,
    csrf_token character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone NOT NULL
);

CREATE SEQUENCE public.web_session_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

ALTER SEQUENCE public.web_session_id_seq OWNED BY public.web_session.id;

CREATE TABLE public.webhook_receipt (
    forum_id integer NOT NULL,
    message_id character varying(200) NOT NULL,
    received_at timestamp with time zone NOT NULL
);

ALTER TABLE ONLY public.api_key ALTER COLUMN id SET DEFAULT nextval('public.api_key_id_seq'::regclass);

ALTER TABLE ONLY public.audit_entry ALTER COLUMN id SET DEFAULT nextval('public.audit_entry_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_history ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_history_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_label ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_label_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_language_term ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_language_term_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_lexicon_term ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_lexicon_term_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_post_label ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_post_label_id_seq'::regclass);

ALTER TABLE ONLY public.content_warnings_preference ALTER COLUMN id SET DEFAULT nextval('public.content_warnings_preference_id_seq'::regclass);

ALTER TABLE ONLY public.forum ALTER COLUMN id SET DEFAULT nextval('public.forum_id_seq'::regclass);

ALTER TABLE ONLY public.forum_plugin ALTER COLUMN id SET DEFAULT nextval('public.forum_plugin_id_seq'::regclass);

ALTER TABLE ONLY public.gratitude_reaction ALTER COLUMN id SET DEFAULT nextval('public.gratitude_reaction_id_seq'::regclass);

ALTER TABLE ONLY public.helper_impact_care_notice ALTER COLUMN id SET DEFAULT nextval('public.helper_impact_care_notice_id_seq'::regclass);

ALTER TABLE ONLY public.helper_impact_digest_run ALTER COLUMN id SET DEFAULT nextval('public.helper_impact_digest_run_id_seq'::regclass);

ALTER TABLE ONLY public.helper_impact_feedback ALTER COLUMN id SET DEFAULT nextval('public.helper_impact_feedback_id_seq'::regclass);

ALTER TABLE ONLY public.helper_impact_note ALTER COLUMN id SET DEFAULT nextval('public.helper_impact_note_id_seq'::regclass);

ALTER TABLE ONLY public.helper_impact_preference ALTER COLUMN id SET DEFAULT nextval('public.helper_impact_preference_id_seq'::regclass);

ALTER TABLE ONLY public.member ALTER COLUMN id SET DEFAULT nextval('public.member_id_seq'::regclass);

ALTER TABLE ONLY public.post ALTER COLUMN id SET DEFAULT nextval('public.post_id_seq'::regclass);

ALTER TABLE ONLY public.response_modes_change ALTER COLUMN id SET DEFAULT nextval('public.response_modes_change_id_seq'::regclass);

ALTER TABLE ONLY public.response_modes_post ALTER COLUMN id SET DEFAULT nextval('public.response_modes_post_id_seq'::regclass);

ALTER TABLE ONLY public.response_modes_thread ALTER COLUMN id SET DEFAULT nextval('public.response_modes_thread_id_seq'::regclass);

ALTER TABLE ONLY public.thread ALTER COLUMN id SET DEFAULT nextval('public.thread_id_seq'::regclass);

ALTER TABLE ONLY public.unanswered_alert ALTER COLUMN id SET DEFAULT nextval('public.unanswered_alert_id_seq'::regclass);

ALTER TABLE ONLY public.unanswered_alert_step ALTER COLUMN id SET DEFAULT nextval('public.unanswered_alert_step_id_seq'::regclass);

ALTER TABLE ONLY public.unanswered_watch ALTER COLUMN id SET DEFAULT nextval('public.unanswered_watch_id_seq'::regclass);

ALTER TABLE ONLY public.web_session ALTER COLUMN id SET DEFAULT nextval('public.web_session_id_seq'::regclass);

INSERT INTO public.alembic_version VALUES ('0012_helper_impact');

INSERT INTO public.api_key VALUES (1, '64af1dc56cfdb525c82b42436da2dfa03587703875b8cd2419a4ec8cce001cec', 'fk_m1UBi1d', 1, 'platform', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (2, '5f6c7b88b100079415b599df1dfa53ed51a27d67bd660b514b6a72822609b7f0', 'fk_sIB1048', 1, 'moderator', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (3, '64f6ae6faf6486afef3e8738feb387b06d22df5ebdb465c97ccd8e3bbac05513', 'fk_fbMmlTr', 1, 'admin', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (4, '97953d74b7389fa5bc218225f5a38e782b4bc50cf85f70cd2d4a14e4a648f467', 'fk_OooOchG', 2, 'platform', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (5, 'c5234ec28e5aeec0000cc0b8088defbc061a3da51935855a1dfbcd40f9484a51', 'fk_th87fWM', 2, 'moderator', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (6, 'd5a19c4ec8ed6b9a895ad03ead1bb87def07619d51c7286dfe6a5d8d95d5c3bb', 'fk_Nf2hpVF', 2, 'admin', '', '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.api_key VALUES (7, '169ae75ea22be2e9e54e647859f8346fba03c62bf812586ef48a8341fae6bd15', 'fk_Izaml0A', NULL, 'admin', '', '2026-11-30 09:00:00+00', NULL);

INSERT INTO public.audit_entry VALUES (1, 1, '2026-11-30 09:00:00+00', 'test', 'forum.create', 'calm', 'null', '{"adapter": "generic", "name": "Calm", "adapter_settings": {"callback_url": null, "pre_check": true}}');
INSERT INTO public.audit_entry VALUES (2, 2, '2026-11-30 09:00:00+00', 'test', 'forum.create', 'other', 'null', '{"adapter": "generic", "name": "Other", "adapter_settings": {"callback_url": null, "pre_check": true}}');

INSERT INTO public.content_warnings_forum VALUES (1, '2026-11-30 09:00:00+00');

INSERT INTO public.content_warnings_history VALUES (1, 1, 1, 'self-harm', 'added', 'author', 'member:1', 1, NULL, '[]', '2026-11-30 09:00:00+00');

INSERT INTO public.content_warnings_label VALUES (1, 1, 'suicide', 'Suicide', 'Mentions suicide, wanting to die or a suicide attempt.', 0, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (2, 1, 'self-harm', 'Self-harm', 'Describes hurting yourself on purpose, such as cutting or burning.', 1, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (3, 1, 'eating-disorders', 'Eating disorders', 'Talks about restricting food, bingeing, purging, weight or calorie numbers.', 2, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (4, 1, 'abuse', 'Abuse', 'Describes emotional, physical or domestic abuse, or coercive control.', 3, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (5, 1, 'sexual-violence', 'Sexual violence', 'Mentions rape, sexual assault or sexual abuse.', 4, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (6, 1, 'substance-use', 'Substance use', 'Talks about drinking, drugs or relapse.', 5, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (7, 1, 'bereavement', 'Bereavement', 'About the death of someone close, or grief.', 6, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (8, 1, 'medical-detail', 'Graphic medical detail', 'Detailed descriptions of injuries, blood, surgery or medical procedures.', 7, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.content_warnings_label VALUES (9, 1, 'violence', 'Violence', 'Describes violence, fights, threats or weapons.', 8, '2026-11-30 09:00:00+00', NULL);

INSERT INTO public.content_warnings_language_term VALUES (1, 1, 'committed suicide', 'died by suicide', '''Committed'' comes from when suicide was a crime; ''died by suicide'' is accurate and does not blame.');
INSERT INTO public.content_warnings_language_term VALUES (2, 1, 'commit suicide', 'die by suicide', '''Commit'' comes from when suicide was a crime; ''die by suicide'' does not blame.');
INSERT INTO public.content_warnings_language_term VALUES (3, 1, 'successful suicide', 'died by suicide', 'Death is not a success; say what happened plainly.');
INSERT INTO public.content_warnings_language_term VALUES (4, 1, 'failed suicide attempt', 'survived a suicide attempt', 'Surviving is not a failure.');
INSERT INTO public.content_warnings_language_term VALUES (5, 1, 'a schizo', 'a person with schizophrenia', 'A slur reduces someone to a diagnosis; name the person first.');
INSERT INTO public.content_warnings_language_term VALUES (6, 1, 'a psycho', 'a person who is unwell', '''Psycho'' is a slur that links mental illness with danger.');
INSERT INTO public.content_warnings_language_term VALUES (7, 1, 'an addict', 'a person with an addiction', 'Person-first words separate someone from their illness.');
INSERT INTO public.content_warnings_language_term VALUES (8, 1, 'a junkie', 'a person who uses drugs', '''Junkie'' is a slur; it makes recovery sound impossible.');
INSERT INTO public.content_warnings_language_term VALUES (9, 1, 'the mentally ill', 'people with mental illness', 'People are more than a group defined by illness.');
INSERT INTO public.content_warnings_language_term VALUES (10, 1, 'suffers from', 'lives with', 'Many people prefer words that do not assume suffering.');

INSERT INTO public.content_warnings_lexicon_term VALUES (1, 1, 1, 'suicide');
INSERT INTO public.content_warnings_lexicon_term VALUES (2, 1, 1, 'suicidal');
INSERT INTO public.content_warnings_lexicon_term VALUES (3, 1, 1, 'kill myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (4, 1, 1, 'end my life');
INSERT INTO public.content_warnings_lexicon_term VALUES (5, 1, 1, 'end it all');
INSERT INTO public.content_warnings_lexicon_term VALUES (6, 1, 1, 'take my own life');
INSERT INTO public.content_warnings_lexicon_term VALUES (7, 1, 1, 'want to die');
INSERT INTO public.content_warnings_lexicon_term VALUES (8, 1, 1, 'wanted to die');
INSERT INTO public.content_warnings_lexicon_term VALUES (9, 1, 1, 'better off dead');
INSERT INTO public.content_warnings_lexicon_term VALUES (10, 1, 1, 'overdose');
INSERT INTO public.content_warnings_lexicon_term VALUES (11, 1, 1, 'suicide attempt');
INSERT INTO public.content_warnings_lexicon_term VALUES (12, 1, 1, 'hang myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (13, 1, 2, 'self-harm');
INSERT INTO public.content_warnings_lexicon_term VALUES (14, 1, 2, 'self harm');
INSERT INTO public.content_warnings_lexicon_term VALUES (15, 1, 2, 'selfharm');
INSERT INTO public.content_warnings_lexicon_term VALUES (16, 1, 2, 'self-injury');
INSERT INTO public.content_warnings_lexicon_term VALUES (17, 1, 2, 'cut myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (18, 1, 2, 'burn myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (19, 1, 2, 'hurt myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (20, 1, 2, 'scars');
INSERT INTO public.content_warnings_lexicon_term VALUES (21, 1, 3, 'anorexia');
INSERT INTO public.content_warnings_lexicon_term VALUES (22, 1, 3, 'anorexic');
INSERT INTO public.content_warnings_lexicon_term VALUES (23, 1, 3, 'bulimia');
INSERT INTO public.content_warnings_lexicon_term VALUES (24, 1, 3, 'bulimic');
INSERT INTO public.content_warnings_lexicon_term VALUES (25, 1, 3, 'binge');
INSERT INTO public.content_warnings_lexicon_term VALUES (26, 1, 3, 'purge');
INSERT INTO public.content_warnings_lexicon_term VALUES (27, 1, 3, 'starve myself');
INSERT INTO public.content_warnings_lexicon_term VALUES (28, 1, 3, 'calories');
INSERT INTO public.content_warnings_lexicon_term VALUES (29, 1, 3, 'eating disorder');
INSERT INTO public.content_warnings_lexicon_term VALUES (30, 1, 3, 'make myself sick');
INSERT INTO public.content_warnings_lexicon_term VALUES (31, 1, 3, 'laxatives');
INSERT INTO public.content_warnings_lexicon_term VALUES (32, 1, 3, 'restrict');
INSERT INTO public.content_warnings_lexicon_term VALUES (33, 1, 4, 'abuse');
INSERT INTO public.content_warnings_lexicon_term VALUES (34, 1, 4, 'abusive');
INSERT INTO public.content_warnings_lexicon_term VALUES (35, 1, 4, 'abuser');
INSERT INTO public.content_warnings_lexicon_term VALUES (36, 1, 4, 'domestic violence');
INSERT INTO public.content_warnings_lexicon_term VALUES (37, 1, 4, 'coercive control');
INSERT INTO public.content_warnings_lexicon_term VALUES (38, 1, 4, 'beat me');
INSERT INTO public.content_warnings_lexicon_term VALUES (39, 1, 4, 'hit me');
INSERT INTO public.content_warnings_lexicon_term VALUES (40, 1, 4, 'gaslight');
INSERT INTO public.content_warnings_lexicon_term VALUES (41, 1, 4, 'neglect');
INSERT INTO public.content_warnings_lexicon_term VALUES (42, 1, 5, 'rape');
INSERT INTO public.content_warnings_lexicon_term VALUES (43, 1, 5, 'raped');
INSERT INTO public.content_warnings_lexicon_term VALUES (44, 1, 5, 'sexual assault');
INSERT INTO public.content_warnings_lexicon_term VALUES (45, 1, 5, 'sexually assaulted');
INSERT INTO public.content_warnings_lexicon_term VALUES (46, 1, 5, 'sexual abuse');
INSERT INTO public.content_warnings_lexicon_term VALUES (47, 1, 5, 'molest');
INSERT INTO public.content_warnings_lexicon_term VALUES (48, 1, 5, 'groped');
INSERT INTO public.content_warnings_lexicon_term VALUES (49, 1, 5, 'grooming');
INSERT INTO public.content_warnings_lexicon_term VALUES (50, 1, 6, 'drunk');
INSERT INTO public.content_warnings_lexicon_term VALUES (51, 1, 6, 'alcohol');
INSERT INTO public.content_warnings_lexicon_term VALUES (52, 1, 6, 'drinking again');
INSERT INTO public.content_warnings_lexicon_term VALUES (53, 1, 6, 'heroin');
INSERT INTO public.content_warnings_lexicon_term VALUES (54, 1, 6, 'cocaine');
INSERT INTO public.content_warnings_lexicon_term VALUES (55, 1, 6, 'drugs');
INSERT INTO public.content_warnings_lexicon_term VALUES (56, 1, 6, 'relapse');
INSERT INTO public.content_warnings_lexicon_term VALUES (57, 1, 6, 'high again');
INSERT INTO public.content_warnings_lexicon_term VALUES (58, 1, 6, 'withdrawal');
INSERT INTO public.content_warnings_lexicon_term VALUES (59, 1, 6, 'pills');
INSERT INTO public.content_warnings_lexicon_term VALUES (60, 1, 7, 'passed away');
INSERT INTO public.content_warnings_lexicon_term VALUES (61, 1, 7, 'died');
INSERT INTO public.content_warnings_lexicon_term VALUES (62, 1, 7, 'funeral');
INSERT INTO public.content_warnings_lexicon_term VALUES (63, 1, 7, 'grief');
INSERT INTO public.content_warnings_lexicon_term VALUES (64, 1, 7, 'grieving');
INSERT INTO public.content_warnings_lexicon_term VALUES (65, 1, 7, 'bereavement');
INSERT INTO public.content_warnings_lexicon_term VALUES (66, 1, 7, 'lost my mum');
INSERT INTO public.content_warnings_lexicon_term VALUES (67, 1, 7, 'lost my dad');
INSERT INTO public.content_warnings_lexicon_term VALUES (68, 1, 7, 'lost my son');
INSERT INTO public.content_warnings_lexicon_term VALUES (69, 1, 7, 'lost my daughter');
INSERT INTO public.content_warnings_lexicon_term VALUES (70, 1, 7, 'miscarriage');
INSERT INTO public.content_warnings_lexicon_term VALUES (71, 1, 8, 'blood');
INSERT INTO public.content_warnings_lexicon_term VALUES (72, 1, 8, 'bleed');
INSERT INTO public.content_warnings_lexicon_term VALUES (73, 1, 8, 'stitches');
INSERT INTO public.content_warnings_lexicon_term VALUES (74, 1, 8, 'wound');
INSERT INTO public.content_warnings_lexicon_term VALUES (75, 1, 8, 'surgery');
INSERT INTO public.content_warnings_lexicon_term VALUES (76, 1, 8, 'vomit');
INSERT INTO public.content_warnings_lexicon_term VALUES (77, 1, 8, 'a&e');
INSERT INTO public.content_warnings_lexicon_term VALUES (78, 1, 8, 'stomach pumped');
INSERT INTO public.content_warnings_lexicon_term VALUES (79, 1, 9, 'violence');
INSERT INTO public.content_warnings_lexicon_term VALUES (80, 1, 9, 'violent');
INSERT INTO public.content_warnings_lexicon_term VALUES (81, 1, 9, 'stab');
INSERT INTO public.content_warnings_lexicon_term VALUES (82, 1, 9, 'knife');
INSERT INTO public.content_warnings_lexicon_term VALUES (83, 1, 9, 'gun');
INSERT INTO public.content_warnings_lexicon_term VALUES (84, 1, 9, 'attack');
INSERT INTO public.content_warnings_lexicon_term VALUES (85, 1, 9, 'assault');
INSERT INTO public.content_warnings_lexicon_term VALUES (86, 1, 9, 'kill');
INSERT INTO public.content_warnings_lexicon_term VALUES (87, 1, 9, 'murder');
INSERT INTO public.content_warnings_lexicon_term VALUES (88, 1, 9, 'punch');

INSERT INTO public.content_warnings_post_label VALUES (1, 1, 1, 2, 'applied', 'author', 'member:1', NULL, '[]', '2026-11-30 09:00:00+00');

INSERT INTO public.content_warnings_preference VALUES (1, 1, 2, 2, 'blur', '2026-11-30 09:00:00+00');

INSERT INTO public.forum VALUES (1, 'calm', 'Calm', 'generic', '{"callback_url": null, "pre_check": true}', 'whsec_TOkWvkXHkAGRrf3Mf9mIpPkC7yzb4ulYCRBxcxhcjE8', 'PwNl-M_LLw3QBEl2PjBNADbwKTWIJU6d0K3vUSyGBY8', '2026-11-30 09:00:00+00');
INSERT INTO public.forum VALUES (2, 'other', 'Other', 'generic', '{"callback_url": null, "pre_check": true}', 'whsec_XVviw75KBMZyGRhjTKCT1DvijRZdQ7ma5hD0JQlZzmI', '5h65xReYRPfv-27hCl3UX2aZtthxXpj95HsrSV6FyCQ', '2026-11-30 09:00:00+00');

INSERT INTO public.gratitude_reaction VALUES (1, 1, 2, 1, 'thank_you', 'platform', '2026-11-30 08:50:00+00');

INSERT INTO public.helper_impact_note VALUES (1, 1, 2, 2, 1, 'Your reply helped me get through the night', true, false, '[]', '2026-11-30 09:00:00+00');

INSERT INTO public.ingested_event VALUES (1, 'e1', 'post.created', '2026-11-30 09:00:00+00');
INSERT INTO public.ingested_event VALUES (1, 'e2', 'post.created', '2026-11-30 09:00:00+00');
INSERT INTO public.ingested_event VALUES (1, 'e3', 'post.created', '2026-11-30 09:00:00+00');
INSERT INTO public.ingested_event VALUES (1, 'e4', 'reaction.added', '2026-11-30 09:00:00+00');

INSERT INTO public.member VALUES (1, 1, '6380b30e9dcfe9c806449892c816843cc452f33062c596022267b7b9ba76feb3', '2026-11-30 08:00:00+00', 1, false);
INSERT INTO public.member VALUES (2, 1, 'fd4cb57ffa26daa31073668ad86c44c88f03d77d2c83f44e1b75c23a24a35854', '2026-11-30 08:30:00+00', 1, false);
INSERT INTO public.member VALUES (3, 1, '43b65e1e36bea6f2914e69105036e55c53e6f5b0ff83627873ea98a66cf1fdef', '2026-11-30 08:40:00+00', 1, false);

INSERT INTO public.outbox VALUES ('ceeb4de648214d54b28d31bc612c86ad', 1, 'adapter', 'set_post_tags', '{"post_id": "p1", "thread_id": "t1", "add": ["self-harm"], "remove": []}', NULL, 'pending', 0, '2026-11-30 09:00:00+00', NULL, '2026-11-30 09:00:00+00', NULL);
INSERT INTO public.outbox VALUES ('c51ef51132f94a2aa1392bb4097c8b6c', 1, 'adapter', 'message_member', '{"about_post_id": "p2", "member": "fd4cb57ffa26daa31073668ad86c44c88f03d77d2c83f44e1b75c23a24a35854", "text": "Someone shared what your reply changed for them:\n\n\u201cYour reply helped me get through the night\u201d\n\nThank you for being there.", "topic": "helper_impact.note", "note_id": 1, "post_id": "p2", "anonymous": true, "from_post_id": null}', 'helper_impact:note:1', 'pending', 0, '2026-11-30 09:00:00+00', NULL, '2026-11-30 09:00:00+00', NULL);

INSERT INTO public.post VALUES (1, 1, 'p1', 1, 1, NULL, true, false, NULL, '2026-11-30 08:00:00+00', NULL, NULL, '2026-11-30 08:00:00+00');
INSERT INTO public.post VALUES (2, 1, 'p2', 1, 2, 'p1', false, false, NULL, '2026-11-30 08:30:00+00', NULL, NULL, '2026-11-30 08:30:00+00');
INSERT INTO public.post VALUES (3, 1, 'p3', 4, 3, NULL, true, false, NULL, '2026-11-30 08:40:00+00', NULL, NULL, '2026-11-30 08:40:00+00');

INSERT INTO public.response_modes_change VALUES (1, 1, 1, NULL, 'open', false, NULL, 'forum', 1, '2026-11-30 08:00:00+00');
INSERT INTO public.response_modes_change VALUES (2, 1, 4, NULL, 'diary', false, NULL, 'post', 3, '2026-11-30 08:40:00+00');

INSERT INTO public.response_modes_thread VALUES (1, 1, 1, 'open', false, NULL, '2026-11-30 08:00:00+00', 'forum');
INSERT INTO public.response_modes_thread VALUES (2, 1, 4, 'diary', false, NULL, '2026-11-30 08:40:00+00', 'post');

INSERT INTO public.thread VALUES (1, 1, 't1', 'c1', '[]', 'Can''t sleep', NULL, 1, '2026-11-30 08:00:00+00', false, false, NULL);
INSERT INTO public.thread VALUES (4, 1, 't2', NULL, '[]', 'Can''t sleep', NULL, 3, '2026-11-30 08:40:00+00', false, false, NULL);

INSERT INTO public.unanswered_watch VALUES (1, 1, 1, 1, 'c1', '2026-11-30 08:00:00+00', true, 'answered', 1, NULL, '2026-11-30 08:30:00+00', false, false, NULL);

SELECT pg_catalog.setval('public.api_key_id_seq', 7, true);

SELECT pg_catalog.setval('public.audit_entry_id_seq', 2, true);

SELECT pg_catalog.setval('public.content_warnings_history_id_seq', 1, true);

SELECT pg_catalog.setval('public.content_warnings_label_id_seq', 9, true);

SELECT pg_catalog.setval('public.content_warnings_language_term_id_seq', 10, true);

SELECT pg_catalog.setval('public.content_warnings_lexicon_term_id_seq', 88, true);

SELECT pg_catalog.setval('public.content_warnings_post_label_id_seq', 1, true);

SELECT pg_catalog.setval('public.content_warnings_preference_id_seq', 1, true);

SELECT pg_catalog.setval('public.forum_id_seq', 2, true);

SELECT pg_catalog.setval('public.forum_plugin_id_seq', 1, false);

SELECT pg_catalog.setval('public.gratitude_reaction_id_seq', 1, true);

SELECT pg_catalog.setval('public.helper_impact_care_notice_id_seq', 1, false);

SELECT pg_catalog.setval('public.helper_impact_digest_run_id_seq', 1, false);

SELECT pg_catalog.setval('public.helper_impact_feedback_id_seq', 1, false);

SELECT pg_catalog.setval('public.helper_impact_note_id_seq', 1, true);

SELECT pg_catalog.setval('public.helper_impact_preference_id_seq', 1, false);

SELECT pg_catalog.setval('public.member_id_seq', 6, true);

SELECT pg_catalog.setval('public.post_id_seq', 4, true);

SELECT pg_catalog.setval('public.response_modes_change_id_seq', 2, true);

SELECT pg_catalog.setval('public.response_modes_post_id_seq', 1, false);

SELECT pg_catalog.setval('public.response_modes_thread_id_seq', 2, true);

SELECT pg_catalog.setval('public.thread_id_seq', 5, true);

SELECT pg_catalog.setval('public.unanswered_alert_id_seq', 1, false);

SELECT pg_catalog.setval('public.unanswered_alert_step_id_seq', 1, false);

SELECT pg_catalog.setval('public.unanswered_watch_id_seq', 1, true);

SELECT pg_catalog.setval('public.web_session_id_seq', 1, false);

ALTER TABLE ONLY public.alembic_version
    ADD CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num);

ALTER TABLE ONLY public.api_key
    ADD CONSTRAINT api_key_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_forum
    ADD CONSTRAINT content_warnings_forum_pkey PRIMARY KEY (forum_id);

ALTER TABLE ONLY public.content_warnings_history
    ADD CONSTRAINT content_warnings_history_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_label
    ADD CONSTRAINT content_warnings_label_forum_id_key_key UNIQUE (forum_id, key);

ALTER TABLE ONLY public.content_warnings_label
    ADD CONSTRAINT content_warnings_label_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_language_term
    ADD CONSTRAINT content_warnings_language_term_forum_id_phrase_key UNIQUE (forum_id, phrase);

ALTER TABLE ONLY public.content_warnings_language_term
    ADD CONSTRAINT content_warnings_language_term_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_lexicon_term
    ADD CONSTRAINT content_warnings_lexicon_term_label_id_phrase_key UNIQUE (label_id, phrase);

ALTER TABLE ONLY public.content_warnings_lexicon_term
    ADD CONSTRAINT content_warnings_lexicon_term_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_post_label
    ADD CONSTRAINT content_warnings_post_label_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.content_warnings_post_label
    ADD CONSTRAINT content_warnings_post_label_post_id_label_id_key UNIQUE (post_id, label_id);

ALTER TABLE ONLY public.content_warnings_preference
    ADD CONSTRAINT content_warnings_preference_member_id_label_id_key UNIQUE (member_id, label_id);

ALTER TABLE ONLY public.content_warnings_preference
    ADD CONSTRAINT content_warnings_preference_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.forum
    ADD CONSTRAINT forum_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.forum_plugin
    ADD CONSTRAINT forum_plugin_forum_id_plugin_key UNIQUE (forum_id, plugin);

ALTER TABLE ONLY public.forum_plugin
    ADD CONSTRAINT forum_plugin_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.gratitude_reaction
    ADD CONSTRAINT gratitude_reaction_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.gratitude_reaction
    ADD CONSTRAINT gratitude_reaction_post_id_member_id_kind_key UNIQUE (post_id, member_id, kind);

ALTER TABLE ONLY public.helper_impact_care_notice
    ADD CONSTRAINT helper_impact_care_notice_member_id_window_key_key UNIQUE (member_id, window_key);

ALTER TABLE ONLY public.helper_impact_care_notice
    ADD CONSTRAINT helper_impact_care_notice_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.helper_impact_digest_run
    ADD CONSTRAINT helper_impact_digest_run_forum_id_week_key UNIQUE (forum_id, week);

ALTER TABLE ONLY public.helper_impact_digest_run
    ADD CONSTRAINT helper_impact_digest_run_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.helper_impact_feedback
    ADD CONSTRAINT helper_impact_feedback_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_post_id_author_id_key UNIQUE (post_id, author_id);

ALTER TABLE ONLY public.helper_impact_preference
    ADD CONSTRAINT helper_impact_preference_member_id_key UNIQUE (member_id);

ALTER TABLE ONLY public.helper_impact_preference
    ADD CONSTRAINT helper_impact_preference_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.ingested_event
    ADD CONSTRAINT ingested_event_pkey PRIMARY KEY (forum_id, event_id);

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_forum_id_key_key UNIQUE (forum_id, key);

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_forum_id_dedupe_key_key UNIQUE (forum_id, dedupe_key);

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_forum_id_ext_id_key UNIQUE (forum_id, ext_id);

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.response_modes_change
    ADD CONSTRAINT response_modes_change_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.response_modes_post
    ADD CONSTRAINT response_modes_post_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.response_modes_post
    ADD CONSTRAINT response_modes_post_post_id_key UNIQUE (post_id);

ALTER TABLE ONLY public.response_modes_thread
    ADD CONSTRAINT response_modes_thread_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.response_modes_thread
    ADD CONSTRAINT response_modes_thread_thread_id_key UNIQUE (thread_id);

ALTER TABLE ONLY public.thread
    ADD CONSTRAINT thread_forum_id_ext_id_key UNIQUE (forum_id, ext_id);

ALTER TABLE ONLY public.thread
    ADD CONSTRAINT thread_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_post_id_tier_key UNIQUE (post_id, tier);

ALTER TABLE ONLY public.unanswered_alert_step
    ADD CONSTRAINT unanswered_alert_step_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.unanswered_watch
    ADD CONSTRAINT unanswered_watch_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.unanswered_watch
    ADD CONSTRAINT unanswered_watch_post_id_key UNIQUE (post_id);

ALTER TABLE ONLY public.web_session
    ADD CONSTRAINT web_session_pkey PRIMARY KEY (id);

ALTER TABLE ONLY public.webhook_receipt
    ADD CONSTRAINT webhook_receipt_pkey PRIMARY KEY (forum_id, message_id);

CREATE INDEX ix_api_key_forum_id ON public.api_key USING btree (forum_id);

CREATE UNIQUE INDEX ix_api_key_key_hash ON public.api_key USING btree (key_hash);

CREATE INDEX ix_audit_entry_at ON public.audit_entry USING btree (at);

CREATE INDEX ix_audit_entry_forum_id ON public.audit_entry USING btree (forum_id);

CREATE INDEX ix_content_warnings_history_actor_member_id ON public.content_warnings_history USING btree (actor_member_id);

CREATE INDEX ix_content_warnings_history_post ON public.content_warnings_history USING btree (post_id);

CREATE INDEX ix_content_warnings_lexicon_term_forum_id ON public.content_warnings_lexicon_term USING btree (forum_id);

CREATE INDEX ix_content_warnings_post_label_pending ON public.content_warnings_post_label USING btree (forum_id, state);

CREATE INDEX ix_forum_plugin_forum_id ON public.forum_plugin USING btree (forum_id);

CREATE UNIQUE INDEX ix_forum_slug ON public.forum USING btree (slug);

CREATE INDEX ix_gratitude_reaction_forum_created ON public.gratitude_reaction USING btree (forum_id, created_at);

CREATE INDEX ix_gratitude_reaction_member ON public.gratitude_reaction USING btree (member_id);

CREATE INDEX ix_helper_impact_care_notice_forum_sent ON public.helper_impact_care_notice USING btree (forum_id, sent_at);

CREATE INDEX ix_helper_impact_feedback_forum_created ON public.helper_impact_feedback USING btree (forum_id, created_at);

CREATE INDEX ix_helper_impact_feedback_member_id ON public.helper_impact_feedback USING btree (member_id);

CREATE INDEX ix_helper_impact_note_author ON public.helper_impact_note USING btree (author_id);

CREATE INDEX ix_helper_impact_note_helper ON public.helper_impact_note USING btree (helper_id, created_at);

CREATE INDEX ix_ingested_event_received_at ON public.ingested_event USING btree (received_at);

CREATE INDEX ix_outbox_due ON public.outbox USING btree (status, next_attempt_at);

CREATE INDEX ix_outbox_forum_id ON public.outbox USING btree (forum_id);

CREATE INDEX ix_post_author ON public.post USING btree (author_id);

CREATE INDEX ix_post_thread ON public.post USING btree (thread_id);

CREATE INDEX ix_response_modes_change_thread ON public.response_modes_change USING btree (thread_id, id);

CREATE INDEX ix_response_modes_thread_held ON public.response_modes_thread USING btree (mode, opens_at);

CREATE INDEX ix_unanswered_alert_queue ON public.unanswered_alert USING btree (forum_id, state, due_at);

CREATE INDEX ix_unanswered_alert_step_alert_id ON public.unanswered_alert_step USING btree (alert_id);

CREATE INDEX ix_unanswered_alert_thread ON public.unanswered_alert USING btree (thread_id);

CREATE INDEX ix_unanswered_watch_due ON public.unanswered_watch USING btree (due_at);

CREATE INDEX ix_unanswered_watch_forum_posted ON public.unanswered_watch USING btree (forum_id, posted_at);

CREATE INDEX ix_unanswered_watch_thread ON public.unanswered_watch USING btree (thread_id);

CREATE INDEX ix_web_session_api_key_id ON public.web_session USING btree (api_key_id);

CREATE UNIQUE INDEX ix_web_session_token_hash ON public.web_session USING btree (token_hash);

CREATE INDEX ix_webhook_receipt_received_at ON public.webhook_receipt USING btree (received_at);

ALTER TABLE ONLY public.api_key
    ADD CONSTRAINT api_key_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.audit_entry
    ADD CONSTRAINT audit_entry_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_forum
    ADD CONSTRAINT content_warnings_forum_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_history
    ADD CONSTRAINT content_warnings_history_actor_member_id_fkey FOREIGN KEY (actor_member_id) REFERENCES public.member(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.content_warnings_history
    ADD CONSTRAINT content_warnings_history_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_history
    ADD CONSTRAINT content_warnings_history_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_label
    ADD CONSTRAINT content_warnings_label_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_language_term
    ADD CONSTRAINT content_warnings_language_term_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_lexicon_term
    ADD CONSTRAINT content_warnings_lexicon_term_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_lexicon_term
    ADD CONSTRAINT content_warnings_lexicon_term_label_id_fkey FOREIGN KEY (label_id) REFERENCES public.content_warnings_label(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_post_label
    ADD CONSTRAINT content_warnings_post_label_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_post_label
    ADD CONSTRAINT content_warnings_post_label_label_id_fkey FOREIGN KEY (label_id) REFERENCES public.content_warnings_label(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_post_label
    ADD CONSTRAINT content_warnings_post_label_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_preference
    ADD CONSTRAINT content_warnings_preference_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_preference
    ADD CONSTRAINT content_warnings_preference_label_id_fkey FOREIGN KEY (label_id) REFERENCES public.content_warnings_label(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.content_warnings_preference
    ADD CONSTRAINT content_warnings_preference_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.forum_plugin
    ADD CONSTRAINT forum_plugin_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.gratitude_reaction
    ADD CONSTRAINT gratitude_reaction_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.gratitude_reaction
    ADD CONSTRAINT gratitude_reaction_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.gratitude_reaction
    ADD CONSTRAINT gratitude_reaction_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_care_notice
    ADD CONSTRAINT helper_impact_care_notice_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_care_notice
    ADD CONSTRAINT helper_impact_care_notice_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_digest_run
    ADD CONSTRAINT helper_impact_digest_run_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_feedback
    ADD CONSTRAINT helper_impact_feedback_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_feedback
    ADD CONSTRAINT helper_impact_feedback_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_helper_id_fkey FOREIGN KEY (helper_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_note
    ADD CONSTRAINT helper_impact_note_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_preference
    ADD CONSTRAINT helper_impact_preference_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.helper_impact_preference
    ADD CONSTRAINT helper_impact_preference_member_id_fkey FOREIGN KEY (member_id) REFERENCES public.member(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.ingested_event
    ADD CONSTRAINT ingested_event_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.member
    ADD CONSTRAINT member_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.outbox
    ADD CONSTRAINT outbox_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.member(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.post
    ADD CONSTRAINT post_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.thread(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_change
    ADD CONSTRAINT response_modes_change_actor_member_id_fkey FOREIGN KEY (actor_member_id) REFERENCES public.member(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.response_modes_change
    ADD CONSTRAINT response_modes_change_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_change
    ADD CONSTRAINT response_modes_change_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.thread(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_post
    ADD CONSTRAINT response_modes_post_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_post
    ADD CONSTRAINT response_modes_post_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_thread
    ADD CONSTRAINT response_modes_thread_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.response_modes_thread
    ADD CONSTRAINT response_modes_thread_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.thread(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.thread
    ADD CONSTRAINT thread_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.member(id) ON DELETE SET NULL;

ALTER TABLE ONLY public.thread
    ADD CONSTRAINT thread_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_alert_step
    ADD CONSTRAINT unanswered_alert_step_alert_id_fkey FOREIGN KEY (alert_id) REFERENCES public.unanswered_alert(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.thread(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_alert
    ADD CONSTRAINT unanswered_alert_watch_id_fkey FOREIGN KEY (watch_id) REFERENCES public.unanswered_watch(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_watch
    ADD CONSTRAINT unanswered_watch_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_watch
    ADD CONSTRAINT unanswered_watch_post_id_fkey FOREIGN KEY (post_id) REFERENCES public.post(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.unanswered_watch
    ADD CONSTRAINT unanswered_watch_thread_id_fkey FOREIGN KEY (thread_id) REFERENCES public.thread(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.web_session
    ADD CONSTRAINT web_session_api_key_id_fkey FOREIGN KEY (api_key_id) REFERENCES public.api_key(id) ON DELETE CASCADE;

ALTER TABLE ONLY public.webhook_receipt
    ADD CONSTRAINT webhook_receipt_forum_id_fkey FOREIGN KEY (forum_id) REFERENCES public.forum(id) ON DELETE CASCADE;


