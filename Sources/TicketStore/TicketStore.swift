import MailCore
