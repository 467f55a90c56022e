"""The Evaluation Workbench: fair, defensible supplier evaluations and contract monitoring for councils."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from flask import Flask, Response, g, render_template, request
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from sqlalchemy.exc import NoResultFound
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from workbench.config import DEFAULT_INSTANCE, REPO_ROOT, build_config
from workbench.extensions import csrf, db, limiter, login_manager, migrate, talisman

log = logging.getLogger(__name__)


def create_app(overrides: dict[str, Any] | None = None) -> Flask:
    """Build the app: load settings, bind extensions, register blueprints, errors and commands."""
    instance = Path(os.environ.get("WORKBENCH_INSTANCE", str(DEFAULT_INSTANCE)))
    app = Flask(__name__, instance_path=str(instance), template_folder=str(REPO_ROOT / "templates"),
                static_folder=str(REPO_ROOT / "static"))
    app.config.update(build_config(instance, overrides))
    _init_extensions(app)
    _init_jinja(app)
    _register_blueprints(app)
    _register_error_handlers(app)
    _register_commands(app)
    return app


def _content_security_policy() -> dict[str, Any]:
    return {
        "default-src": "'self'", "script-src": "'self'", "style-src": "'self'", "img-src": ["'self'", "data:"],
        "object-src": "'none'", "base-uri": "'none'", "form-action": "'self'", "frame-ancestors": "'none'",
    }


def _init_extensions(app: Flask) -> None:
    if app.config["TRUSTED_PROXIES"]:
        n = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n, x_prefix=n)  # type: ignore[method-assign]
    db.init_app(app)
    migrate.init_app(app, db, directory=str(REPO_ROOT / "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.sign_in"
    login_manager.login_message = "Sign in to continue."
    login_manager.login_message_category = "info"
    talisman.init_app(
        app, force_https=app.config["FORCE_HTTPS"], session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        session_cookie_http_only=True, frame_options="DENY", content_security_policy=_content_security_policy(),
        content_security_policy_nonce_in=["script-src"], referrer_policy="strict-origin-when-cross-origin",
        strict_transport_security=app.config["FORCE_HTTPS"],
        permissions_policy={"geolocation": "()", "camera": "()", "microphone": "()"},
    )

    from workbench.models import User

    @login_manager.user_loader
    def load_user(user_id: str) -> User | None:
        user = db.session.get(User, int(user_id))
        return user if user is not None and user.active else None

    @app.after_request
    def no_store(response: Response) -> Response:
        if request.endpoint != "static":
            response.headers.setdefault("Cache-Control", "no-store")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        return response


def _init_jinja(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader([  # type: ignore[assignment]
        FileSystemLoader(str(REPO_ROOT / "templates")),
        PrefixLoader({"govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                      "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf")}),
    ])
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    WTFormsHelpers(app)

    from workbench.navigation import navigation_items
    from workbench.templating import register_filters

    register_filters(app)

    @app.context_processor
    def shell_context() -> dict[str, Any]:
        nonce = app.jinja_env.globals["csp_nonce"]  # registered by Flask-Talisman
        return {"council_name": app.config["COUNCIL_NAME"], "service_name": app.config["SERVICE_NAME"],
                "navigation": navigation_items(), "cspNonce": nonce()}


def _register_blueprints(app: Flask) -> None:
    from workbench.api.account_views import bp as api_tokens_bp
    from workbench.api.views import bp as api_bp
    from workbench.audit.views import bp as audit_bp
    from workbench.auth.views import bp as auth_bp
    from workbench.contracts.views import award_bp as contract_award_bp
    from workbench.contracts.views import bp as contracts_bp
    from workbench.dashboard.views import bp as dashboard_bp
    from workbench.evidence.supplier_views import bp as supplier_bid_bp
    from workbench.evidence.views import bp as evidence_bp
    from workbench.library.views import bp as library_bp
    from workbench.moderation.views import bp as moderation_bp
    from workbench.panel.views import bp as panel_bp
    from workbench.procurements.views import bp as procurements_bp
    from workbench.results.views import bp as results_bp
    from workbench.summaries.views import bp as summaries_bp
    from workbench.users.views import bp as users_bp
    from workbench.youth.admin_views import bp as youth_bp
    from workbench.youth.views import bp as young_people_bp

    for blueprint in (auth_bp, dashboard_bp, library_bp, procurements_bp, users_bp, youth_bp, young_people_bp,
                      evidence_bp, supplier_bid_bp, moderation_bp, audit_bp, results_bp,
                      api_bp, api_tokens_bp, summaries_bp, panel_bp, contracts_bp, contract_award_bp):
        app.register_blueprint(blueprint)


def _register_error_handlers(app: Flask) -> None:
    titles = {400: "There is a problem with your request", 403: "You do not have access to this page",
              404: "Page not found", 405: "This action is not allowed", 413: "The file is too large",
              429: "Too many attempts", 500: "Sorry, there is a problem with the service"}

    def render_error(code: int) -> tuple[str, int]:
        return render_template("errors/error.html", code=code, title=titles.get(code, titles[500])), code

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        code = error.code or 500
        if code >= 500:
            return render_error(500)
        if code in titles:
            return render_error(code)
        return error

    @app.errorhandler(NoResultFound)
    def not_found(error: NoResultFound) -> tuple[str, int]:
        return render_error(404)

    @app.errorhandler(Exception)
    def server_error(error: Exception) -> tuple[str, int]:
        log.error("Unhandled error on %s", request.path, exc_info=error)
        db.session.rollback()
        g.failsafe = True
        return render_error(500)


def _register_commands(app: Flask) -> None:
    from workbench.cli import register_commands

    register_commands(app)
