"""Extension objects, created unbound here and bound by the application factory."""

from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_talisman import Talisman
from flask_wtf.csrf import CSRFProtect

from workbench.models.base import Base

__all__ = ["csrf", "db", "limiter", "login_manager", "migrate", "talisman"]

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
csrf = CSRFProtect()
login_manager = LoginManager()
talisman = Talisman()
limiter = Limiter(key_func=get_remote_address, default_limits=[])
