# Copyright 2026 ADV Suite
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import re

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged

from .common import AdvDeliveryCommon


class AdvRatingCommon(AdvDeliveryCommon):
    """A customer who opted in to the satisfaction surveys, with contacts."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.adv_rating_opt_in = True
        cls.contacts = cls.env["res.partner"].create(
            [
                {
                    "name": f"Buyer {index}",
                    "parent_id": cls.customer.id,
                    "email": f"buyer{index}@durand.example.com",
                }
                for index in range(4)
            ]
        )
        cls.company = cls.env.company
        cls.company.write({"adv_rating_sample_rate": 1, "adv_rating_quiet_days": 30})

    def delivered_order(self, contact=None, when="2026-05-04 10:00:00"):
        with freeze_time(when):
            order = self.confirmed_order(
                [(self.widget, 10.0, {})], partner_id=(contact or self.customer).id
            )
            self.deliver(self.open_delivery(order), {self.widget: 10.0})
        return order

    def requests(self, order):
        """The survey e-mails posted on ``order``."""
        return order.message_ids.filtered(lambda m: "/rate/" in (m.body or ""))


@tagged("post_install", "-at_install")
class TestRatingAfterDelivery(AdvRatingCommon):
    def test_asked_once_fully_delivered(self):
        with freeze_time("2026-05-04 10:00:00"):
            order = self.confirmed_order([(self.widget, 10.0, {})], partner_id=self.contacts[0].id)
            self.deliver(self.open_delivery(order), {self.widget: 4.0})
        self.assertFalse(order.adv_rating_requested_date, "a partial delivery is not the end")
        with freeze_time("2026-05-06 10:00:00"):
            self.deliver(self.open_delivery(order), {self.widget: 6.0})
        self.assertEqual(str(order.adv_rating_requested_date), "2026-05-06 10:00:00")
        request = self.requests(order)
        self.assertEqual(len(request), 1)
        self.assertIn(self.contacts[0], request.partner_ids, "sent to the order's contact")
        rating = order.rating_ids
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.contacts[0])
        self.assertEqual(rating.rated_partner_id, order.adv_user_id.partner_id)
        self.assertEqual(rating.adv_company_id, self.company)
        self.assertFalse(rating.consumed)
        self.assertIn(f"/rate/{rating.access_token}/5", request.body)
        # Asked once: asking again does nothing.
        order._adv_rating_after_delivery()
        self.assertEqual(len(self.requests(order)), 1)

    def test_not_opted_in(self):
        self.customer.adv_rating_opt_in = False
        order = self.delivered_order(self.contacts[0])
        self.assertFalse(order.adv_rating_requested_date)
        self.assertFalse(self.requests(order))

    def test_sample_rate(self):
        self.company.adv_rating_sample_rate = 2
        orders = [
            self.delivered_order(contact, f"2026-05-0{index + 1} 10:00:00")
            for index, contact in enumerate(self.contacts)
        ]
        asked = [bool(order.adv_rating_requested_date) for order in orders]
        # Every second fully delivered order: two of four, never two in a row.
        self.assertEqual(asked.count(True), 2)
        self.assertIn(asked, ([False, True, False, True], [True, False, True, False]))
        # Rate 0: none.
        self.company.adv_rating_sample_rate = 0
        self.assertFalse(self.delivered_order(self.contacts[0]).adv_rating_requested_date)

    def test_quiet_period(self):
        contact = self.contacts[1]
        first = self.delivered_order(contact, "2026-05-01 10:00:00")
        second = self.delivered_order(contact, "2026-05-20 10:00:00")
        other = self.delivered_order(self.contacts[2], "2026-05-20 11:00:00")
        third = self.delivered_order(contact, "2026-06-01 10:00:00")
        self.assertTrue(first.adv_rating_requested_date)
        self.assertFalse(second.adv_rating_requested_date, "asked 19 days ago")
        self.assertTrue(other.adv_rating_requested_date, "another contact")
        self.assertTrue(third.adv_rating_requested_date, "31 days later")

    def test_settings_refuse_negative_values(self):
        with self.assertRaises(ValidationError):
            self.company.adv_rating_sample_rate = -1
        with self.assertRaises(ValidationError):
            self.company.adv_rating_quiet_days = -5

    def test_rating_is_the_customers(self):
        order = self.delivered_order(self.contacts[0])
        rating = order.rating_ids
        user = self.adv_user
        order.with_user(user).check_access("read")
        # The ADV user reads it, and can neither write a score nor fake an answer.
        self.assertEqual(rating.with_user(user).read(["rating"])[0]["rating"], 0.0)
        with self.assertRaises(AccessError):
            rating.with_user(user).write({"rating": 5, "consumed": True})
        with self.assertRaises(AccessError):
            rating.with_user(user).write({"feedback": "Perfect!"})
        with self.assertRaises(AccessError):
            order.with_user(user).rating_apply(5, token=rating.access_token)
        with self.assertRaises(AccessError):
            order.with_user(user).write({"adv_rating_requested_date": False})
        self.assertFalse(rating.consumed)

    def test_other_company_cannot_read(self):
        order = self.delivered_order(self.contacts[0])
        other = self.env["res.company"].create({"name": "Rating Other Co"})
        outsider = self.adv_user.copy(
            {"login": "rating_outsider", "company_id": other.id, "company_ids": [other.id]}
        )
        self.assertFalse(
            self.env["rating.rating"].with_user(outsider).search([("id", "=", order.rating_ids.id)])
        )
        self.assertTrue(
            self.env["rating.rating"]
            .with_user(self.adv_user)
            .search([("id", "=", order.rating_ids.id)])
        )


@tagged("post_install", "-at_install")
class TestRatingPublicPage(HttpCase, AdvRatingCommon):
    def test_public_page(self):
        order = self.delivered_order(self.contacts[0])
        other = self.delivered_order(self.contacts[1])
        rating = order.rating_ids
        # A wrong token: not found.
        response = self.url_open("/rate/not-a-token/5")
        self.assertEqual(response.status_code, 404)
        # The right one: the page names the order, and nothing else of it.
        response = self.url_open(f"/rate/{rating.access_token}/5")
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"Your rating of <strong>{order.name}</strong>", response.text)
        for secret in (self.customer.name, order.adv_user_id.name, order.client_order_ref):
            self.assertNotIn(secret, response.text)
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', response.text).group(1)
        url = f"/rate/{rating.access_token}/submit_feedback"
        response = self.url_open(
            url, data={"rate": 1, "feedback": "Two days late", "csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (rating.rating, rating.feedback, rating.consumed), (1.0, "Two days late", True)
        )
        self.assertTrue(rating.adv_answered_date)
        # The token rates its own order only.
        self.assertFalse(other.rating_ids.consumed)
        self.assertEqual(order.rating_count, 1)
        # A second answer updates the same rating (and its chatter message).
        response = self.url_open(
            url, data={"rate": 5, "feedback": "Solved by phone", "csrf_token": csrf}
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(len(order.rating_ids), 1)
        self.assertEqual((rating.rating, rating.feedback), (5.0, "Solved by phone"))
        message = order.message_ids.filtered("rating_ids")
        self.assertEqual(len(message), 1)
        # Shown in the order's portal chatter: a public comment of the customer.
        self.assertFalse(message.is_internal)
        self.assertEqual(message.subtype_id, self.env.ref("mail.mt_comment"))
        self.assertEqual(message.author_id, self.contacts[0])
